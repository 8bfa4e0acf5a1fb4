// SPDX-License-Identifier: MIT
// A touch-sized yes/no question shown before a disruptive command (stop, restart).
#pragma once

#include <QDialog>

// Thread-bound to the UI thread. Opened with open(), never exec(): no nested event loop, and a
// test (or an operator) answers it through accept()/reject() like any other widget.
class ConfirmDialog : public QDialog
{
    Q_OBJECT
public:
    ConfirmDialog(const QString &question, const QString &actionText, QWidget *parent);
};
