package org.starttls.requirements;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** CATALOGUE.md at the repository root is the rendered catalogue, byte for byte. */
class CatalogueDocumentTest {

    private static final Path COMMITTED = Path.of("..", "CATALOGUE.md").toAbsolutePath().normalize();

    @Test
    void committedCatalogueMatchesTheCatalogue() throws IOException {
        String rendered = CatalogueDocument.markdown();
        if (Boolean.getBoolean("catalogue.regenerate")) {
            Files.writeString(COMMITTED, rendered, StandardCharsets.UTF_8);
        }
        assertThat(COMMITTED).as("CATALOGUE.md is missing; regenerate with %s", CatalogueDocument.REGENERATE).exists();
        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
                .as("CATALOGUE.md differs from the catalogue; regenerate with %s", CatalogueDocument.REGENERATE)
                .isEqualTo(rendered);
    }
}
