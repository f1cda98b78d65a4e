// posix_spawn features that Swift's Glibc module hides behind feature macros: starting a
// server in a session of its own, and closing every inherited descriptor in the child.
#ifndef C_ENGINE_SPAWN_H
#define C_ENGINE_SPAWN_H

#include <spawn.h>

/// The posix_spawnattr flag that makes the child a session leader, or 0 where there is none.
short dooordb_spawn_setsid_flag(void);

/// Closes every descriptor from `lowest` up in the child; does nothing where that is not
/// available (macOS uses POSIX_SPAWN_CLOEXEC_DEFAULT instead).
int dooordb_spawn_close_from(posix_spawn_file_actions_t *actions, int lowest);

/// A pipe whose ends are closed on exec, set atomically where the system can.
int dooordb_pipe_cloexec(int descriptors[2]);

#endif
