#pragma once
// The libcurl API as Swift sees it. Only the `HTTP` target imports this module.
#include <curl/curl.h>

// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call;
// these are their typed forms, one per argument type assist uses.
static inline CURLcode CCurl_easy_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode CCurl_easy_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode CCurl_easy_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode CCurl_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode CCurl_easy_setopt_write_function(CURL *h, CURLoption o, curl_write_callback v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode CCurl_easy_setopt_xferinfo_function(CURL *h, CURLoption o, curl_xferinfo_callback v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode CCurl_easy_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode CCurl_easy_getinfo_double(CURL *h, CURLINFO i, double *v) { return curl_easy_getinfo(h, i, v); }

#include <fcntl.h>
// libcurl's sockets are not close-on-exec: a child started while a connection is open (a test
// command, a local model server, tmux) would hold it open after assist closed it.
static int CCurl_close_on_exec_sockopt(void *client, curl_socket_t fd, curlsocktype purpose) {
  (void)client; (void)purpose;
  int flags = fcntl(fd, F_GETFD);
  if (flags >= 0) fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
  return CURL_SOCKOPT_OK;
}
static inline CURLcode CCurl_easy_close_sockets_on_exec(CURL *h) {
  return curl_easy_setopt(h, CURLOPT_SOCKOPTFUNCTION, CCurl_close_on_exec_sockopt);
}
