package org.starttls.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The HTML summary as a reader sees its text: mustache's character references turned back into characters. */
final class Html {

    private Html() {
    }

    static String read(Path file) throws IOException {
        return unescape(Files.readString(file));
    }

    static String unescape(String html) {
        return html.replace("&#61;", "=").replace("&#39;", "'").replace("&quot;", "\"").replace("&#96;", "`")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
