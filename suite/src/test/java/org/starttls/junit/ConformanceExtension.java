package org.starttls.junit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Provides the {@link ConformanceRunner} to the test factory and writes summary.json after the last case. Before the
 * run it removes the previous run's Allure results, so the report shows this run only (history is kept by the
 * reports module, which copies it from the previous report).
 */
public final class ConformanceExtension implements ParameterResolver, BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ConformanceExtension.class);
    /** Only files the Allure adapter writes; anything else in the directory is left alone. */
    private static final Pattern ALLURE_RESULT = Pattern.compile(".+-(result\\.json|container\\.json|attachment(\\..+)?)");

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ConformanceRunner.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return runner(context);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        String dir = System.getProperty("allure.results.directory");
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            return;
        }
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            for (Path f : files.filter(f -> ALLURE_RESULT.matcher(f.getFileName().toString()).matches()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try (ConformanceRunner runner = runner(context)) {
            Path summary = runner.finish();
            System.out.println("[smtp] summary written to " + summary);
        }
    }

    private static ConformanceRunner runner(ExtensionContext context) {
        return context.getStore(NS).getOrComputeIfAbsent(ConformanceRunner.class, k -> new ConformanceRunner(),
                ConformanceRunner.class);
    }
}
