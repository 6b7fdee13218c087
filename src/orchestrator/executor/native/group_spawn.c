/*
 * Starts a task process without copying the caller's page tables.
 *
 * Node's child_process.spawn forks: the kernel copies the page tables of the
 * whole calling process, so a spawn costs more the larger the process that
 * spawns. posix_spawn (glibc: clone with CLONE_VM | CLONE_VFORK) runs the
 * child on the caller's memory until it execs, so its cost does not depend on
 * the caller's size. The child gets its own session and process group (the
 * executor kills the group), default signal dispositions, an empty signal
 * mask, /dev/null on stdin, stdout and stderr, and the caller's environment.
 *
 * The exit is watched through a pidfd on the caller's libuv loop; the child is
 * reaped here (libuv reaps only the children it started itself).
 *
 * spawn(file, args, cwd | null, onExit(exitCode | null, signal | null)) → pid
 * throws an Error with `errno` (negative, as Node's) when the start failed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <node_api.h>
#include <uv.h>

extern char **environ;

typedef struct {
  uv_poll_t poll;
  napi_env env;
  napi_ref on_exit;
  napi_async_context async;
  pid_t pid;
  int pidfd;
} watched_child;

#define CHECK(env, call)                                            \
  do {                                                              \
    if ((call) != napi_ok) {                                        \
      napi_throw_error((env), NULL, "group_spawn: " #call " failed"); \
      return NULL;                                                  \
    }                                                               \
  } while (0)

static int pidfd_open_of(pid_t pid) { return (int)syscall(SYS_pidfd_open, pid, 0); }

static void on_closed(uv_handle_t *handle) {
  watched_child *child = handle->data;
  close(child->pidfd);
  free(child);
}

static void deliver(watched_child *child, const siginfo_t *info, int reaped) {
  napi_env env = child->env;
  napi_handle_scope scope;
  if (napi_open_handle_scope(env, &scope) != napi_ok) return;
  napi_value callback, receiver, argv[2];
  napi_get_reference_value(env, child->on_exit, &callback);
  napi_get_global(env, &receiver);
  napi_get_null(env, &argv[0]);
  napi_get_null(env, &argv[1]);
  if (reaped && info->si_code == CLD_EXITED) napi_create_int32(env, info->si_status, &argv[0]);
  else if (reaped) napi_create_int32(env, info->si_status, &argv[1]);
  if (napi_make_callback(env, child->async, receiver, callback, 2, argv, NULL) == napi_pending_exception) {
    napi_value error;
    napi_get_and_clear_last_exception(env, &error);
    napi_fatal_exception(env, error);
  }
  napi_close_handle_scope(env, scope);
  napi_delete_reference(env, child->on_exit);
  napi_async_destroy(env, child->async);
}

static void on_readable(uv_poll_t *poll, int status, int events) {
  (void)status;
  (void)events;
  watched_child *child = poll->data;
  siginfo_t info;
  memset(&info, 0, sizeof info);
  int result;
  do result = waitid(P_PID, (id_t)child->pid, &info, WEXITED | WNOHANG);
  while (result == -1 && errno == EINTR);
  if (result == 0 && info.si_pid == 0) return; /* not exited yet */
  uv_poll_stop(poll);
  deliver(child, &info, result == 0);
  uv_close((uv_handle_t *)poll, on_closed);
}

static napi_value string_arg(napi_env env, napi_value value, char **out) {
  size_t length;
  CHECK(env, napi_get_value_string_utf8(env, value, NULL, 0, &length));
  *out = malloc(length + 1);
  if (!*out) {
    napi_throw_error(env, NULL, "group_spawn: out of memory");
    return NULL;
  }
  CHECK(env, napi_get_value_string_utf8(env, value, *out, length + 1, &length));
  return value;
}

static napi_value throw_errno(napi_env env, int error, const char *file) {
  char message[512];
  snprintf(message, sizeof message, "spawn %s %s", file, strerror(error));
  napi_value text, exception, code;
  napi_create_string_utf8(env, message, NAPI_AUTO_LENGTH, &text);
  napi_create_error(env, NULL, text, &exception);
  napi_create_int32(env, -error, &code);
  napi_set_named_property(env, exception, "errno", code);
  napi_throw(env, exception);
  return NULL;
}

static napi_value spawn_task(napi_env env, napi_callback_info call) {
  size_t argc = 4;
  napi_value argv[4];
  CHECK(env, napi_get_cb_info(env, call, &argc, argv, NULL, NULL));
  if (argc < 4) {
    napi_throw_type_error(env, NULL, "spawn(file, args, cwd, onExit)");
    return NULL;
  }
  uint32_t count;
  CHECK(env, napi_get_array_length(env, argv[1], &count));
  napi_valuetype cwd_type;
  CHECK(env, napi_typeof(env, argv[2], &cwd_type));

  char **args = calloc((size_t)count + 2, sizeof(char *));
  char *cwd = NULL;
  napi_value ok = args ? string_arg(env, argv[0], &args[0]) : NULL;
  for (uint32_t i = 0; ok && i < count; i++) {
    napi_value element;
    ok = napi_get_element(env, argv[1], i, &element) == napi_ok ? string_arg(env, element, &args[i + 1]) : NULL;
  }
  if (ok && cwd_type == napi_string) ok = string_arg(env, argv[2], &cwd);

  pid_t pid = -1;
  int error = 0;
  if (ok) {
    posix_spawnattr_t attr;
    posix_spawn_file_actions_t actions;
    sigset_t defaults, mask;
    sigfillset(&defaults);
    sigdelset(&defaults, SIGKILL);
    sigdelset(&defaults, SIGSTOP);
    sigemptyset(&mask);
    posix_spawnattr_init(&attr);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setsigmask(&attr, &mask);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    if (cwd) posix_spawn_file_actions_addchdir_np(&actions, cwd);
    error = posix_spawnp(&pid, args[0], &actions, &attr, args, environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
  }
  napi_value result = NULL;
  if (ok && error) throw_errno(env, error, args[0]);
  for (uint32_t i = 0; args && i <= count; i++) free(args[i]);
  free(args);
  free(cwd);
  if (!ok || error) return NULL;

  watched_child *child = calloc(1, sizeof *child);
  struct uv_loop_s *loop;
  napi_value resource_name;
  int pidfd = pidfd_open_of(pid);
  if (!child || pidfd < 0 || napi_get_uv_event_loop(env, &loop) != napi_ok) {
    /* Cannot watch it: end it rather than leave an orphan nobody reaps. */
    kill(-pid, SIGKILL);
    waitpid(pid, NULL, 0);
    if (pidfd >= 0) close(pidfd);
    free(child);
    return throw_errno(env, pidfd < 0 ? errno : ENOMEM, "(watch)");
  }
  child->env = env;
  child->pid = pid;
  child->pidfd = pidfd;
  child->poll.data = child;
  CHECK(env, napi_create_reference(env, argv[3], 1, &child->on_exit));
  CHECK(env, napi_create_string_utf8(env, "planebench:task", NAPI_AUTO_LENGTH, &resource_name));
  CHECK(env, napi_async_init(env, NULL, resource_name, &child->async));
  uv_poll_init(loop, &child->poll, pidfd);
  uv_poll_start(&child->poll, UV_READABLE, on_readable);
  CHECK(env, napi_create_int32(env, pid, &result));
  return result;
}

static napi_value init(napi_env env, napi_value exports) {
  int probe = pidfd_open_of(getpid());
  napi_value supported, fn;
  CHECK(env, napi_get_boolean(env, probe >= 0, &supported));
  if (probe >= 0) close(probe);
  CHECK(env, napi_set_named_property(env, exports, "supported", supported));
  CHECK(env, napi_create_function(env, "spawn", NAPI_AUTO_LENGTH, spawn_task, NULL, &fn));
  CHECK(env, napi_set_named_property(env, exports, "spawn", fn));
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
