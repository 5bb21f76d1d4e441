# Finds the Debian packages newstag builds on, and says which package to install when one
# is missing. Everything found is gathered in the interface target newstag_deps.
find_package(PkgConfig)
if(NOT PKG_CONFIG_FOUND)
  message(FATAL_ERROR "pkg-config not found: install the Debian package 'pkg-config' (or run tools/install-deps)")
endif()

function(newstag_require_pkgconfig prefix module debian_package)
  pkg_check_modules(${prefix} QUIET IMPORTED_TARGET ${module})
  if(NOT ${prefix}_FOUND)
    message(FATAL_ERROR "${module} not found: install the Debian package '${debian_package}' (or run tools/install-deps)")
  endif()
endfunction()

newstag_require_pkgconfig(UTF8PROC libutf8proc libutf8proc-dev)
newstag_require_pkgconfig(JANSSON jansson libjansson-dev)

# libsvm ships no pkg-config file on Debian.
find_path(LIBSVM_INCLUDE_DIR svm.h PATH_SUFFIXES libsvm)
find_library(LIBSVM_LIBRARY svm)
if(NOT LIBSVM_INCLUDE_DIR OR NOT LIBSVM_LIBRARY)
  message(FATAL_ERROR "libsvm not found: install the Debian package 'libsvm-dev' (or run tools/install-deps)")
endif()

# libstemmer (Snowball) ships no pkg-config file either.
find_path(LIBSTEMMER_INCLUDE_DIR libstemmer.h)
find_library(LIBSTEMMER_LIBRARY stemmer)
if(NOT LIBSTEMMER_INCLUDE_DIR OR NOT LIBSTEMMER_LIBRARY)
  message(FATAL_ERROR "libstemmer not found: install the Debian package 'libstemmer-dev' (or run tools/install-deps)")
endif()

set(THREADS_PREFER_PTHREAD_FLAG ON)
find_package(Threads REQUIRED)

add_library(newstag_deps INTERFACE)
target_link_libraries(newstag_deps INTERFACE PkgConfig::UTF8PROC PkgConfig::JANSSON
  ${LIBSVM_LIBRARY} ${LIBSTEMMER_LIBRARY} Threads::Threads m)
target_include_directories(newstag_deps INTERFACE ${LIBSVM_INCLUDE_DIR} ${LIBSTEMMER_INCLUDE_DIR})

if(NEWSTAG_BUILD_TESTS)
  newstag_require_pkgconfig(CHECK check check)
endif()
