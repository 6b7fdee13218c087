{
  "targets": [
    {
      "target_name": "group_spawn",
      "sources": ["group_spawn.c"],
      "cflags": ["-O2", "-Wall", "-Wextra"]
    }
  ]
}
