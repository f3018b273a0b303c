// Cryptoki 2.40 types and constants from p11-kit (Debian: libp11-kit-dev; Homebrew: p11-kit).
// Only the header is used: modules are loaded at run time with dlopen, by path. (The target's
// pkg-config line still makes SwiftPM link -lp11-kit, unused; see the session note.)
#ifndef ECONTRACT_CPKCS11_SHIM_H
#define ECONTRACT_CPKCS11_SHIM_H
#include <p11-kit/pkcs11.h>
#endif
