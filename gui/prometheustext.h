// SPDX-License-Identifier: MIT
// A strict reader of the Prometheus text exposition format 0.0.4: what the dashboard knows of /metrics.
#pragma once

#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>

#include <optional>

// Reentrant: parse() is a pure function of its input. A malformed line is skipped and counted with
// the reason, so one bad series never hides the others and no input can crash the reader.
class PrometheusText
{
public:
    struct Sample {
        QString name; // as written: a histogram's buckets keep their _bucket suffix
        QMap<QString, QString> labels;
        double value = 0;
        std::optional<qint64> timestampMs;
    };
    struct Family {
        QString name;
        QString type = QStringLiteral("untyped"); // counter, gauge, histogram, summary or untyped
        QString help;
        QList<Sample> samples;
    };
    struct Problem {
        int line = 0; // 1-based
        QString reason;
    };
    struct Document {
        QList<Family> families; // in the order they first appear
        QList<Problem> problems; // the first kMaxProblems malformed lines
        int malformedLines = 0;  // all of them

        int sampleCount() const;
        const Family *family(const QString &name) const;
        // The value of the unlabelled sample `name`; nullopt when the document has none.
        std::optional<double> value(const QString &name) const;
        // Sum over the samples called `name` whose `label` is not `excludedValue` (every sample when
        // `label` is empty); nullopt when no sample counted.
        std::optional<double> sum(const QString &name, const QString &label = {},
                                  const QString &excludedValue = {}) const;
    };

    static constexpr int kMaxProblems = 20;

    static Document parse(const QByteArray &text);
};

Q_DECLARE_METATYPE(PrometheusText::Document)
