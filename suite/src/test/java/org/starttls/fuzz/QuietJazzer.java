package org.starttls.fuzz;

import com.code_intelligence.jazzer.utils.Log;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.Extension;

/**
 * Keeps Jazzer's bookkeeping ("INFO: Instrumented org.x.Y with custom hooks only ..." for every class loaded after the
 * agent starts, some 300 lines in a full test run, and "INFO: Loaded N hooks from ...") out of the console; its
 * warnings, errors and findings still get through. The agent starts before a fuzz test class is even initialised, and
 * then logs every class already loaded; so this is a JUnit extension found by autodetection
 * ({@code junit-platform.properties}, {@code META-INF/services}), made when the engine starts, before any test.
 */
public final class QuietJazzer implements Extension {

    private static boolean installed;

    public QuietJazzer() {
        install();
    }

    static synchronized void install() {
        if (!installed) {
            PrintStream filtered = new PrintStream(new DroppingBookkeeping(System.err), true, StandardCharsets.UTF_8);
            // the agent's own copy of Log (on the boot class path) writes to System.err; the test runtime's copy to fixedErr
            System.setErr(filtered);
            Log.fixOutErr(System.out, filtered);
            installed = true;
        }
    }

    /** Passes lines on to {@code target}, except Jazzer's instrumentation and hook-loading notices. */
    private static final class DroppingBookkeeping extends OutputStream {
        private final PrintStream target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        DroppingBookkeeping(PrintStream target) {
            this.target = target;
        }

        @Override
        public synchronized void write(int b) {
            line.write(b);
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                if (!text.startsWith("INFO: Instrumented ") && !text.startsWith("INFO: Loaded ")) {
                    target.print(text);
                }
            }
        }

        @Override
        public synchronized void flush() {
            target.flush();
        }
    }
}
