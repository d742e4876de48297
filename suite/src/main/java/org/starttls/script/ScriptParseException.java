package org.starttls.script;

/** A malformed scenario script: names the file, the line and what is wrong. */
public final class ScriptParseException extends RuntimeException {
    private final String file;
    private final int line;

    public ScriptParseException(String file, int line, String reason) {
        super(file + ":" + line + ": " + reason);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }
}
