#pragma once

#include <QByteArrayView>
#include <QString>

// One payload as source text to paste elsewhere. Every byte is kept: the result
// evaluates to exactly the given bytes in its language.
namespace PayloadCopy {

// "48 65 6c" (lower case, single spaces), as the hex view shows it.
QString toHex(QByteArrayView bytes);

// A C (and C++) array, 12 bytes a line:
//   const unsigned char data[] = {
//       0x48, 0x65, 0x6c,
//   };
// No bytes give "const unsigned char data[] = {};" (C23 and C++ compilers
// reject a zero-length array; the window offers the copy only for payloads).
QString toCArray(QByteArrayView bytes);

// A Python bytes literal, b'Hel\x00', in one line: printable ASCII as is,
// backslash and the quote escaped, \t \n \r as Python writes them, every other
// byte as \xNN.
QString toPythonBytes(QByteArrayView bytes);

} // namespace PayloadCopy
