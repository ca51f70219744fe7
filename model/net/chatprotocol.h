#pragma once

#include "helloprotocol.h"

#include <QByteArrayView>

// The tutorial's two-way UDP chat ends when either side sends the end word
// ("88", 拜拜). A message is the end word when it equals it after one trailing
// line ending is taken off, so typed lines and bare datagrams both count.
namespace ChatProtocol {

inline bool isEndWord(QByteArrayView message, QByteArrayView endWord)
{
    return !endWord.isEmpty() && HelloProtocol::splitLineEnding(message, nullptr) == endWord;
}

} // namespace ChatProtocol
