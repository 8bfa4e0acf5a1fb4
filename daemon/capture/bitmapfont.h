// SPDX-License-Identifier: MIT
// The built-in 5x7 pixel font that the test pattern's clock and the time overlay draw with.
#pragma once

#include <QByteArray>

// Reentrant (stateless). Compiled in, so drawing text needs no font file on the device. Glyphs
// are scaled by a whole factor: sharp edges survive H.264 better than anti-aliased ones, and a
// pixel of a glyph is either ink or paper, so drawing one over itself changes nothing.
class BitmapFont
{
public:
    static constexpr int kColumns = 5;
    static constexpr int kRows = 7;

    // A character cell: the glyph with one column of space on its right and one row above and
    // below, at `scale` device pixels per font pixel.
    static int cellWidth(int scale) { return (kColumns + 1) * scale; }
    static int cellHeight(int scale) { return (kRows + 2) * scale; }

    // Digits, capital letters, space and - : . / , _ + ( ) # % ! ? ' are in the font; lower-case
    // letters are drawn as capitals and anything else as '?'.
    static bool hasGlyph(char c);

    // One cell, cellWidth(scale) x cellHeight(scale) bytes, row after row: `ink` on `paper`.
    static QByteArray renderCell(char c, int scale, unsigned char ink, unsigned char paper);
};
