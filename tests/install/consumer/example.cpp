// example.cpp - the C example, compiled as C++ against the installed header.
#include "../example.c"
