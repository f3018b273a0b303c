// The system's OpenSSL 3 libcrypto (Debian: libssl-dev), for CMSCoreOpenSSL only: the
// high-level EVP interfaces (digests, public-key verification, ciphers) and providers.
#ifndef ECONTRACT_COPENSSL_SHIM_H
#define ECONTRACT_COPENSSL_SHIM_H
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/provider.h>
#include <openssl/x509.h>
#endif
