package io.proximadb.server.http;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * Formats every log record as one JSON line ({@code ts, level, logger, message, error}), so that a
 * log shipper needs no parsing rules. Access lines are JSON already and pass through unchanged.
 */
public final class JsonLogFormatter extends Formatter {

    @Override
    public String format(LogRecord record) {
        if (AccessLog.LOGGER.equals(record.getLoggerName())) {
            return record.getMessage() + System.lineSeparator();
        }
        JsonObject line = new JsonObject()
                .put("ts", record.getInstant().toString())
                .put("level", record.getLevel().getName())
                .put("logger", record.getLoggerName())
                .put("message", formatMessage(record));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.put("error", trace.toString());
        }
        return line.encode() + System.lineSeparator();
    }
}
