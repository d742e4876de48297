package org.starttls.zoo;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs the zoo once per test JVM, writes the matrix into the module's build directory and hands the result to
 * every test that asks for it, so the assertions read verdicts instead of opening connections.
 */
final class ZooExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ZooExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ZooRun.Result.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NS).getOrComputeIfAbsent(ZooRun.Result.class, k -> runAndWrite(),
                ZooRun.Result.class);
    }

    private static ZooRun.Result runAndWrite() {
        Path buildDir = Path.of(System.getProperty("basedir", ".")).resolve("target");
        try {
            ZooRun.Result result = ZooRun.run(buildDir.resolve("zoo"));
            ZooMatrix matrix = new ZooMatrix(result);
            Path written = matrix.write(buildDir);
            System.out.println("[zoo] " + matrix.headline());
            System.out.println("[zoo] matrix written to " + written + " and " + written.resolveSibling(ZooMatrix.CSV));
            return result;
        } catch (Exception e) {
            throw new IllegalStateException("the zoo could not be run: " + e.getMessage(), e);
        }
    }
}
