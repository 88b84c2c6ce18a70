#pragma once
// The libgit2 API as Swift sees it. Only the `Git` target imports this module.
#include <git2.h>
// The in-memory object store: dry runs of git_apply_to_tree write their blobs here, not to disk.
#include <git2/sys/mempack.h>
