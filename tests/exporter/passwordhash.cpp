// SPDX-License-Identifier: MIT
// crypt(3) hashes for the tests' users files, made through libcrypt.
#include "passwordhash.h"

#include <crypt.h>

#include <memory>

QByteArray PasswordHash::make(const QByteArray &password, const char *prefix, unsigned long cost)
{
    if (cost == 0)
        cost = QByteArray(prefix) == "$y$" ? 1 : 4;
    char setting[CRYPT_GENSALT_OUTPUT_SIZE];
    if (!crypt_gensalt_rn(prefix, cost, nullptr, 0, setting, sizeof setting))
        return {};
    auto data = std::make_unique<crypt_data>(); // zeroed: crypt_r requires it
    const char *hash = crypt_r(password.constData(), setting, data.get());
    return hash && hash[0] != '*' ? QByteArray(hash) : QByteArray();
}
