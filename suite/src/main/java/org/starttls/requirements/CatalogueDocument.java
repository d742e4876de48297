package org.starttls.requirements;

import java.util.stream.Collectors;
import org.starttls.summary.Profile;
import org.starttls.summary.Role;

/** Renders the catalogue as the Markdown table committed as {@code CATALOGUE.md}; generated, never edited by hand. */
public final class CatalogueDocument {

    /** The command that rewrites CATALOGUE.md from the catalogue. */
    public static final String REGENERATE = "mvn -B -o -pl suite -am test -Pselftest -Dtest=CatalogueDocumentTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dcatalogue.regenerate=true";

    private CatalogueDocument() {
    }

    public static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Requirement catalogue\n\n")
                .append("Generated from the requirement files under `suite/src/main/resources/requirements`; do not edit. "
                        + "Regenerate with\n`")
                .append(REGENERATE).append("`.\n\n")
                .append("Levels are the RFC's own keywords; INFO marks a checked behaviour the RFC states without one ")
                .append("(or, for RFC 2034, which predates the keywords, in lower case). A requirement is NOT_APPLICABLE ")
                .append("in the profiles it does not list. Select a subset with `-Dsmtp.select=GLOB`.\n\n")
                .append("## Server requirements\n\n")
                .append("What an SMTP server under test must do (`-Dsmtp.target=host:port`, profile `smtp.profile`).\n\n");
        table(md, Role.SERVER);
        md.append("\n## Client requirements\n\n")
                .append("What an SMTP client under test must do (`-Dsmtp.client.command=...`, profile `smtp.client.profile`): ")
                .append("the suite plays the server, and each case is named after the scenario the fake server plays.\n\n");
        table(md, Role.CLIENT);
        return md.toString();
    }

    private static void table(StringBuilder md, Role role) {
        md.append("| id | level | title | profiles | RFC |\n").append("|---|---|---|---|---|\n");
        for (Requirement r : Catalogue.forRole(role)) {
            md.append("| `").append(r.id()).append("` | ").append(r.level().keyword()).append(" | ")
                    .append(cell(r.title())).append(" | ")
                    .append(r.profiles().stream().sorted().map(Profile::propertyValue).collect(Collectors.joining(", ")))
                    .append(" | [").append(r.rfcName()).append(" §").append(r.section()).append("](").append(r.link())
                    .append(") |\n");
        }
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
