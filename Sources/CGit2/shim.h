#pragma once
// The libgit2 API as Swift sees it. Only the `Git` target imports this module.
#include <git2.h>
