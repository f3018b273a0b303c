// Cryptoki 2.40 types and constants from p11-kit (Debian: libp11-kit-dev; Homebrew: p11-kit).
// Only the header is used: modules are loaded at run time with dlopen, by path, so nothing
// links against p11-kit or any PKCS#11 module.
#ifndef ECONTRACT_CPKCS11_SHIM_H
#define ECONTRACT_CPKCS11_SHIM_H
#include <p11-kit/pkcs11.h>
#endif
