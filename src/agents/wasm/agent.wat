;; The WebAssembly agent of planebench. Compiled from this source with wabt at
;; run time; no binary is committed.
;;
;; ABI (checked by the host when the module is loaded):
;;   memory       imported as env.memory; the host sets its maximum (the agent's limit)
;;   env.out_of_memory(requested)   host import; throws, so `alloc` failing is a crash
;;   on_bytes(ptr, len) -> i32      handle a byte payload (FNV-1a checksum)
;;   on_number(n) -> i32            handle a numeric payload (the compute task)
;;   on_receive(ptr, len) -> i32    optional light byte handler: counts the message, returns len
;;   scratch(len) -> ptr | -1       reusable input buffer of at least len bytes
;;   try_alloc(bytes) -> ptr | -1   bump allocation, -1 when the memory limit is reached
;;   alloc(bytes) -> ptr            bump allocation, calls env.out_of_memory on failure
;;   heap_top / set_heap_top        allocator state, for checkpoints
;;   handled / set_handled          messages handled, for checkpoints
;;   count_primes(n) -> i32         the compute task (same algorithm as the native agent)
;;   fnv1a(ptr, len) -> i32         FNV-1a 32-bit hash of a byte range
;;   fill_checksum(ptr, len, seed)  writes every word of a range, then sums it
;;   trap()                         executes `unreachable`
(module
  (import "env" "memory" (memory $mem 1))
  (import "env" "out_of_memory" (func $out_of_memory (param i32)))

  ;; The first KiB is reserved; the heap starts after it.
  (global $heap (mut i32) (i32.const 1024))
  (global $handled (mut i32) (i32.const 0))
  (global $scratch_ptr (mut i32) (i32.const 0))
  (global $scratch_cap (mut i32) (i32.const 0))

  ;; Grows the memory so that bytes [0, end) are addressable; 0 when the limit forbids it.
  (func $ensure (param $end i32) (result i32)
    (local $need i32)
    (local $have i32)
    (local.set $need
      (i32.add
        (i32.shr_u (local.get $end) (i32.const 16))
        (i32.ne (i32.and (local.get $end) (i32.const 0xffff)) (i32.const 0))))
    (local.set $have (memory.size))
    (if (i32.gt_u (local.get $need) (local.get $have))
      (then
        (if (i32.eq (memory.grow (i32.sub (local.get $need) (local.get $have))) (i32.const -1))
          (then (return (i32.const 0))))))
    (i32.const 1))

  (func $try_alloc (export "try_alloc") (param $bytes i32) (result i32)
    (local $ptr i32)
    (local $end i32)
    (local.set $ptr (global.get $heap))
    (local.set $end (i32.add (local.get $ptr) (local.get $bytes)))
    ;; unsigned overflow past 4 GiB
    (if (i32.lt_u (local.get $end) (local.get $ptr)) (then (return (i32.const -1))))
    (if (i32.eqz (call $ensure (local.get $end))) (then (return (i32.const -1))))
    (global.set $heap (local.get $end))
    (local.get $ptr))

  (func (export "alloc") (param $bytes i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (call $try_alloc (local.get $bytes)))
    (if (i32.eq (local.get $ptr) (i32.const -1))
      (then (call $out_of_memory (local.get $bytes))))
    (local.get $ptr))

  (func (export "scratch") (param $len i32) (result i32)
    (local $ptr i32)
    (if (i32.le_u (local.get $len) (global.get $scratch_cap))
      (then (return (global.get $scratch_ptr))))
    (local.set $ptr (call $try_alloc (local.get $len)))
    (if (i32.eq (local.get $ptr) (i32.const -1)) (then (return (i32.const -1))))
    (global.set $scratch_ptr (local.get $ptr))
    (global.set $scratch_cap (local.get $len))
    (local.get $ptr))

  (func (export "heap_top") (result i32) (global.get $heap))
  (func (export "set_heap_top") (param $top i32)
    (global.set $heap (local.get $top))
    (global.set $scratch_ptr (i32.const 0))
    (global.set $scratch_cap (i32.const 0)))
  (func (export "handled") (result i32) (global.get $handled))
  (func (export "set_handled") (param $n i32) (global.set $handled (local.get $n)))

  (func $fnv1a (export "fnv1a") (param $ptr i32) (param $len i32) (result i32)
    (local $hash i32)
    (local $end i32)
    (local.set $hash (i32.const 0x811c9dc5))
    (local.set $end (i32.add (local.get $ptr) (local.get $len)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $ptr) (local.get $end)))
        (local.set $hash
          (i32.mul
            (i32.xor (local.get $hash) (i32.load8_u (local.get $ptr)))
            (i32.const 0x01000193)))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 1)))
        (br $next)))
    (local.get $hash))

  (func $count_primes (export "count_primes") (param $n i32) (result i32)
    (local $count i32)
    (local $i i32)
    (local $d i32)
    (local $prime i32)
    (local.set $i (i32.const 2))
    (block $done
      (loop $candidate
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $prime (i32.const 1))
        (local.set $d (i32.const 2))
        (block $checked
          (loop $divisor
            (br_if $checked (i32.gt_u (i32.mul (local.get $d) (local.get $d)) (local.get $i)))
            (if (i32.eqz (i32.rem_u (local.get $i) (local.get $d)))
              (then
                (local.set $prime (i32.const 0))
                (br $checked)))
            (local.set $d (i32.add (local.get $d) (i32.const 1)))
            (br $divisor)))
        (local.set $count (i32.add (local.get $count) (local.get $prime)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $candidate)))
    (local.get $count))

  (func (export "on_bytes") (param $ptr i32) (param $len i32) (result i32)
    (global.set $handled (i32.add (global.get $handled) (i32.const 1)))
    (call $fnv1a (local.get $ptr) (local.get $len)))

  (func (export "on_receive") (param $ptr i32) (param $len i32) (result i32)
    (global.set $handled (i32.add (global.get $handled) (i32.const 1)))
    (local.get $len))

  (func (export "on_number") (param $n i32) (result i32)
    (global.set $handled (i32.add (global.get $handled) (i32.const 1)))
    (call $count_primes (local.get $n)))

  (func (export "fill_checksum") (param $ptr i32) (param $len i32) (param $seed i32) (result i32)
    (local $p i32)
    (local $end i32)
    (local $sum i32)
    (local.set $end (i32.add (local.get $ptr) (i32.and (local.get $len) (i32.const -4))))
    (local.set $p (local.get $ptr))
    (block $filled
      (loop $fill
        (br_if $filled (i32.ge_u (local.get $p) (local.get $end)))
        (i32.store (local.get $p) (i32.xor (local.get $p) (local.get $seed)))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $fill)))
    (local.set $p (local.get $ptr))
    (block $summed
      (loop $sum_loop
        (br_if $summed (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $sum (i32.add (local.get $sum) (i32.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br $sum_loop)))
    (local.get $sum))

  (func (export "trap") unreachable)
)
