#include "payloaddiff.h"

#include <algorithm>

namespace PayloadDiff {

Result compare(QByteArrayView a, QByteArrayView b)
{
    Result result;
    result.sizeA = a.size();
    result.sizeB = b.size();
    const qsizetype common = std::min(a.size(), b.size());
    for (qsizetype i = 0; i < common; ++i) {
        if (a[i] != b[i])
            result.differing.append(i);
    }
    for (qsizetype i = common; i < std::max(a.size(), b.size()); ++i)
        result.differing.append(i);
    return result;
}

} // namespace PayloadDiff
