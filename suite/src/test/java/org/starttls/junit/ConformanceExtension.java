package org.starttls.junit;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Provides the {@link ConformanceRunner} to the test factory and writes summary.json after the last case. */
public final class ConformanceExtension implements ParameterResolver, AfterAllCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ConformanceExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ConformanceRunner.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return runner(context);
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
