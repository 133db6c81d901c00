// epoll and eventfd for Swift: Glibc's module does not export them, and epoll_event is a packed
// struct on x86_64, so these small functions take and return plain arrays instead.
#ifndef CVOXPOPLINUX_H
#define CVOXPOPLINUX_H

#include <stdint.h>

enum {
    VOXPOP_EVENT_READ = 1,
    VOXPOP_EVENT_WRITE = 2,
    VOXPOP_EVENT_HANGUP = 4,
    VOXPOP_EVENT_ERROR = 8,
};

int voxpop_epoll_create(void);
/// Adds (add = 1) or changes (add = 0) the events watched on fd: VOXPOP_EVENT_READ and/or _WRITE,
/// or neither (errors and a full hang-up are reported all the same). READ includes the peer's
/// half-close, reported as VOXPOP_EVENT_HANGUP.
int voxpop_epoll_watch(int epoll, int fd, uint32_t events, int add);
int voxpop_epoll_forget(int epoll, int fd);
/// Waits up to timeout milliseconds; fills fds and events (VOXPOP_EVENT_*) and returns the count.
int voxpop_epoll_wait(int epoll, int *fds, uint32_t *events, int capacity, int timeout);
int voxpop_eventfd(void);
/// accept4 with SOCK_NONBLOCK and SOCK_CLOEXEC (a GNU extension Glibc's module hides).
/// `peer` receives the client's IPv4 address in network byte order.
int voxpop_accept(int listener, uint32_t *peer);

#endif
