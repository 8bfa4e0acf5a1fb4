// SPDX-License-Identifier: MIT
// A strict reader of the Prometheus text exposition format 0.0.4: what the dashboard knows of /metrics.
#include "prometheustext.h"

#include <QHash>
#include <QSet>

#include <cmath>
#include <limits>

namespace {

// Names and types as the format defines them; anything else marks the line as malformed.
bool isNameStart(char c, bool colonAllowed)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colonAllowed && c == ':');
}

bool isNameChar(char c, bool colonAllowed)
{
    return isNameStart(c, colonAllowed) || (c >= '0' && c <= '9');
}

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

// A cursor over one line; every reader returns false with a reason instead of throwing.
class LineReader
{
public:
    explicit LineReader(const QByteArray &line) : m_line(line) {}

    bool atEnd() const { return m_pos >= m_line.size(); }
    char peek() const { return atEnd() ? '\0' : m_line.at(m_pos); }
    void skipBlanks()
    {
        while (!atEnd() && isBlank(peek()))
            ++m_pos;
    }
    QByteArray rest() const { return m_line.mid(m_pos); }

    QByteArray name(bool colonAllowed)
    {
        const qsizetype start = m_pos;
        if (atEnd() || !isNameStart(peek(), colonAllowed))
            return {};
        while (!atEnd() && isNameChar(peek(), colonAllowed))
            ++m_pos;
        return m_line.mid(start, m_pos - start);
    }

    QByteArray token()
    {
        const qsizetype start = m_pos;
        while (!atEnd() && !isBlank(peek()))
            ++m_pos;
        return m_line.mid(start, m_pos - start);
    }

    bool labels(QMap<QString, QString> *labels, QString *reason)
    {
        ++m_pos; // '{'
        for (;;) {
            skipBlanks();
            if (peek() == '}') {
                ++m_pos;
                return true;
            }
            const QByteArray labelName = name(false);
            if (labelName.isEmpty()) {
                *reason = QStringLiteral("bad label name at column %1").arg(m_pos + 1);
                return false;
            }
            skipBlanks();
            if (peek() != '=') {
                *reason = QStringLiteral("'=' expected after label %1").arg(QString::fromUtf8(labelName));
                return false;
            }
            ++m_pos;
            skipBlanks();
            QString value;
            if (!quoted(&value, reason))
                return false;
            const QString key = QString::fromUtf8(labelName);
            if (labels->contains(key)) {
                *reason = QStringLiteral("label %1 given twice").arg(key);
                return false;
            }
            labels->insert(key, value);
            skipBlanks();
            if (peek() == ',') {
                ++m_pos; // a trailing comma before '}' is allowed
                continue;
            }
            if (peek() != '}') {
                *reason = QStringLiteral("',' or '}' expected at column %1").arg(m_pos + 1);
                return false;
            }
        }
    }

private:
    // A label value: "..." with \\, \" and \n as the only escapes.
    bool quoted(QString *value, QString *reason)
    {
        if (peek() != '"') {
            *reason = QStringLiteral("label value must be quoted (column %1)").arg(m_pos + 1);
            return false;
        }
        ++m_pos;
        QByteArray bytes;
        while (!atEnd()) {
            const char c = m_line.at(m_pos++);
            if (c == '"') {
                *value = QString::fromUtf8(bytes);
                return true;
            }
            if (c != '\\') {
                bytes.append(c);
                continue;
            }
            const char escaped = peek();
            ++m_pos;
            if (escaped == '\\' || escaped == '"')
                bytes.append(escaped);
            else if (escaped == 'n')
                bytes.append('\n');
            else {
                *reason = QStringLiteral("unknown escape in label value (column %1)").arg(m_pos);
                return false;
            }
        }
        *reason = QStringLiteral("unterminated label value");
        return false;
    }

    QByteArray m_line;
    qsizetype m_pos = 0;
};

std::optional<double> parseValue(const QByteArray &token)
{
    // Go's ParseFloat spellings that exporters write; the C locale's digits otherwise.
    const QByteArray lower = token.toLower();
    if (lower == "+inf" || lower == "inf")
        return std::numeric_limits<double>::infinity();
    if (lower == "-inf")
        return -std::numeric_limits<double>::infinity();
    if (lower == "nan")
        return std::numeric_limits<double>::quiet_NaN();
    if (lower.contains("inf") || lower.contains("nan") || lower.contains('x'))
        return std::nullopt; // "infinity", hex floats: not written by any exporter, refused
    bool ok = false;
    const double value = token.toDouble(&ok);
    if (!ok || token.isEmpty())
        return std::nullopt;
    return value;
}

QString unescapeHelp(const QByteArray &text)
{
    QByteArray out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) == '\\' && i + 1 < text.size() && (text.at(i + 1) == '\\' || text.at(i + 1) == 'n')) {
            out.append(text.at(i + 1) == 'n' ? '\n' : '\\');
            ++i;
        } else {
            out.append(text.at(i));
        }
    }
    return QString::fromUtf8(out);
}

bool isKnownType(const QByteArray &type)
{
    return type == "counter" || type == "gauge" || type == "histogram" || type == "summary" || type == "untyped";
}

// Whether sample `name` belongs to family `family` of `type` (histogram and summary series carry suffixes).
bool belongsTo(const QString &name, const QString &family, const QString &type)
{
    if (name == family)
        return true;
    if (!name.startsWith(family))
        return false;
    const QStringView suffix = QStringView(name).mid(family.size());
    if (type == QLatin1String("histogram"))
        return suffix == QLatin1String("_bucket") || suffix == QLatin1String("_sum") || suffix == QLatin1String("_count");
    if (type == QLatin1String("summary"))
        return suffix == QLatin1String("_sum") || suffix == QLatin1String("_count");
    return false;
}

class Builder
{
public:
    PrometheusText::Document document;

    void problem(int line, const QString &reason)
    {
        ++document.malformedLines;
        if (document.problems.size() < PrometheusText::kMaxProblems)
            document.problems.append({line, reason});
    }

    PrometheusText::Family &familyNamed(const QString &name)
    {
        auto it = m_index.constFind(name);
        if (it == m_index.constEnd()) {
            PrometheusText::Family family;
            family.name = name;
            document.families.append(family);
            it = m_index.insert(name, document.families.size() - 1);
        }
        return document.families[*it];
    }

    void comment(int lineNumber, const QByteArray &line)
    {
        LineReader reader(line);
        reader.token(); // '#'
        reader.skipBlanks();
        const QByteArray keyword = reader.token();
        if (keyword != "HELP" && keyword != "TYPE")
            return; // an ordinary comment
        reader.skipBlanks();
        const QByteArray name = reader.name(true);
        if (name.isEmpty() || (!reader.atEnd() && !isBlank(reader.peek()))) {
            problem(lineNumber, QStringLiteral("# %1 without a valid metric name").arg(QString::fromLatin1(keyword)));
            return;
        }
        reader.skipBlanks();
        const QString familyName = QString::fromUtf8(name);
        if (keyword == "HELP") {
            familyNamed(familyName).help = unescapeHelp(reader.rest());
            m_current = familyName;
            return;
        }
        const QByteArray type = reader.rest().trimmed();
        if (!isKnownType(type)) {
            problem(lineNumber, QStringLiteral("unknown type '%1' for %2 (allowed: counter, gauge, histogram, summary, untyped)")
                                    .arg(QString::fromUtf8(type), familyName));
            return;
        }
        if (m_typed.contains(familyName)) {
            problem(lineNumber, QStringLiteral("second # TYPE for %1").arg(familyName));
            return;
        }
        PrometheusText::Family &family = familyNamed(familyName);
        if (!family.samples.isEmpty()) {
            problem(lineNumber, QStringLiteral("# TYPE for %1 after its samples").arg(familyName));
            return;
        }
        m_typed.insert(familyName);
        family.type = QString::fromLatin1(type);
        m_current = familyName;
    }

    void sample(int lineNumber, const QByteArray &line)
    {
        LineReader reader(line);
        PrometheusText::Sample sample;
        const QByteArray name = reader.name(true);
        if (name.isEmpty()) {
            problem(lineNumber, QStringLiteral("a line must start with a metric name or '#'"));
            return;
        }
        sample.name = QString::fromUtf8(name);
        const bool blankAfterName = isBlank(reader.peek());
        reader.skipBlanks();
        bool separated = blankAfterName;
        if (reader.peek() == '{') {
            QString reason;
            if (!reader.labels(&sample.labels, &reason)) {
                problem(lineNumber, QStringLiteral("%1: %2").arg(sample.name, reason));
                return;
            }
            separated = isBlank(reader.peek());
        }
        if (!separated) {
            problem(lineNumber, QStringLiteral("%1: space expected before the value").arg(sample.name));
            return;
        }
        reader.skipBlanks();
        const QByteArray valueToken = reader.token();
        const std::optional<double> value = parseValue(valueToken);
        if (!value) {
            problem(lineNumber, QStringLiteral("%1: '%2' is not a number (allowed: a decimal, +Inf, -Inf, NaN)")
                                    .arg(sample.name, QString::fromUtf8(valueToken.left(40))));
            return;
        }
        sample.value = *value;
        reader.skipBlanks();
        if (!reader.atEnd()) {
            const QByteArray stamp = reader.token();
            bool ok = false;
            const qint64 ms = stamp.toLongLong(&ok);
            reader.skipBlanks();
            if (!ok || !reader.atEnd()) {
                problem(lineNumber, QStringLiteral("%1: only a timestamp in milliseconds may follow the value").arg(sample.name));
                return;
            }
            sample.timestampMs = ms;
        }
        const auto current = m_index.constFind(m_current);
        const bool inCurrent = current != m_index.constEnd()
            && belongsTo(sample.name, m_current, document.families.at(*current).type);
        familyNamed(inCurrent ? m_current : sample.name).samples.append(sample);
    }

private:
    QHash<QString, qsizetype> m_index;
    QSet<QString> m_typed;
    QString m_current; // the family of the last # HELP or # TYPE
};

} // namespace

PrometheusText::Document PrometheusText::parse(const QByteArray &text)
{
    Builder builder;
    int lineNumber = 0;
    for (QByteArray line : text.split('\n')) {
        ++lineNumber;
        if (line.endsWith('\r'))
            line.chop(1);
        qsizetype start = 0;
        while (start < line.size() && isBlank(line.at(start)))
            ++start;
        if (start == line.size())
            continue;
        if (start > 0)
            line = line.mid(start);
        if (line.startsWith('#'))
            builder.comment(lineNumber, line);
        else
            builder.sample(lineNumber, line);
    }
    return builder.document;
}

int PrometheusText::Document::sampleCount() const
{
    int count = 0;
    for (const Family &f : families)
        count += int(f.samples.size());
    return count;
}

const PrometheusText::Family *PrometheusText::Document::family(const QString &name) const
{
    for (const Family &f : families) {
        if (f.name == name)
            return &f;
    }
    return nullptr;
}

std::optional<double> PrometheusText::Document::value(const QString &name) const
{
    for (const Family &f : families) {
        for (const Sample &s : f.samples) {
            if (s.name == name && s.labels.isEmpty())
                return s.value;
        }
    }
    return std::nullopt;
}

std::optional<double> PrometheusText::Document::sum(const QString &name, const QString &label,
                                                    const QString &excludedValue) const
{
    std::optional<double> total;
    for (const Family &f : families) {
        for (const Sample &s : f.samples) {
            if (s.name != name || (!label.isEmpty() && s.labels.value(label) == excludedValue))
                continue;
            total = total.value_or(0) + s.value;
        }
    }
    return total;
}
