// SPDX-License-Identifier: MIT
// crypt(3) hashes for the tests' users files, made through libcrypt.
#pragma once

#include <QByteArray>

// Reentrant.
class PasswordHash
{
public:
    // A hash of `password` with `prefix` ("$y$" yescrypt, "$2b$" bcrypt) at `cost`; 0 picks a low
    // cost that keeps tests fast (the exporter accepts any). Empty when libcrypt refuses.
    static QByteArray make(const QByteArray &password, const char *prefix = "$y$", unsigned long cost = 0);
};
