// SPDX-License-Identifier: MIT
// A touch-sized yes/no question shown before a disruptive command (stop, restart).
#include "confirmdialog.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

ConfirmDialog::ConfirmDialog(const QString &question, const QString &actionText, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("confirmDialog"));
    setWindowTitle(tr("Please confirm"));
    setModal(true);
    setAttribute(Qt::WA_DeleteOnClose);

    auto *label = new QLabel(question, this);
    label->setObjectName(QStringLiteral("confirmQuestion"));
    label->setTextFormat(Qt::PlainText); // the question names recordings (file names)
    label->setWordWrap(true);
    label->setMinimumWidth(420);

    auto *cancel = new QPushButton(tr("Cancel"), this);
    cancel->setObjectName(QStringLiteral("confirmCancel"));
    auto *confirm = new QPushButton(actionText, this);
    confirm->setObjectName(QStringLiteral("confirmAccept"));
    confirm->setProperty("danger", true);
    // Cancel is the default: a stray tap or Enter must not restart anything.
    cancel->setDefault(true);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(confirm, &QPushButton::clicked, this, &QDialog::accept);

    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(16);
    buttons->addWidget(cancel);
    buttons->addWidget(confirm);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->setSpacing(24);
    layout->addWidget(label);
    layout->addLayout(buttons);
}
