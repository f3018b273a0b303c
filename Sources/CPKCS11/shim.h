// Cryptoki 2.40 types and constants from p11-kit (Debian: libp11-kit-dev; Homebrew: p11-kit).
// Only the header is used: modules are loaded at run time with dlopen, by path, so nothing
// links libp11-kit. On Linux the target has no pkg-config line (its -lp11-kit would load
// libp11-kit and libffi into every process) and the header is found under the default
// include path as <p11-kit-1/p11-kit/pkcs11.h>; with Homebrew, pkg-config's -I finds
// <p11-kit/pkcs11.h>.
#ifndef ECONTRACT_CPKCS11_SHIM_H
#define ECONTRACT_CPKCS11_SHIM_H
#if __has_include(<p11-kit/pkcs11.h>)
#include <p11-kit/pkcs11.h>
#else
#include <p11-kit-1/p11-kit/pkcs11.h>
#endif
#endif
