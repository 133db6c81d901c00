#define _GNU_SOURCE
#include "CVoxPopLinux.h"

#include <stddef.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>

int voxpop_epoll_create(void) { return epoll_create1(EPOLL_CLOEXEC); }

static uint32_t to_epoll(uint32_t events) {
    uint32_t result = 0;
    // EPOLLRDHUP only with EPOLLIN: level-triggered, a half-closed socket would report it on every
    // wait while its connection is not being read (paused, or closing).
    if (events & VOXPOP_EVENT_READ) result |= EPOLLIN | EPOLLRDHUP;
    if (events & VOXPOP_EVENT_WRITE) result |= EPOLLOUT;
    return result;
}

int voxpop_epoll_watch(int epoll, int fd, uint32_t events, int add) {
    struct epoll_event event = {.events = to_epoll(events), .data = {.fd = fd}};
    return epoll_ctl(epoll, add ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, fd, &event);
}

int voxpop_epoll_forget(int epoll, int fd) { return epoll_ctl(epoll, EPOLL_CTL_DEL, fd, NULL); }

int voxpop_epoll_wait(int epoll, int *fds, uint32_t *events, int capacity, int timeout) {
    struct epoll_event ready[256];
    if (capacity > 256) capacity = 256;
    int count = epoll_wait(epoll, ready, capacity, timeout);
    for (int i = 0; i < count; i++) {
        fds[i] = ready[i].data.fd;
        uint32_t e = 0;
        if (ready[i].events & EPOLLIN) e |= VOXPOP_EVENT_READ;
        if (ready[i].events & EPOLLOUT) e |= VOXPOP_EVENT_WRITE;
        if (ready[i].events & (EPOLLHUP | EPOLLRDHUP)) e |= VOXPOP_EVENT_HANGUP;
        if (ready[i].events & EPOLLERR) e |= VOXPOP_EVENT_ERROR;
        events[i] = e;
    }
    return count;
}

int voxpop_eventfd(void) { return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC); }

#include <netinet/in.h>
#include <sys/socket.h>

int voxpop_accept(int listener, uint32_t *peer) {
    struct sockaddr_in address;
    socklen_t length = sizeof address;
    int fd = accept4(listener, (struct sockaddr *)&address, &length, SOCK_NONBLOCK | SOCK_CLOEXEC);
    *peer = fd >= 0 && address.sin_family == AF_INET ? address.sin_addr.s_addr : 0;
    return fd;
}
