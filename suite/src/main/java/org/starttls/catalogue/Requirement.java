package org.starttls.catalogue;

import java.net.URI;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One checkable requirement. The RFC number, section and level are read from the id
 * ({@code RFC<n>-<section>-<LEVEL>-<SLUG>}) so they cannot disagree with it.
 *
 * @param sectionTitle the RFC's own title of that section
 * @param title        what a conforming server does, in one sentence
 * @param quote        the RFC sentence the requirement rests on, verbatim
 * @param fixHint      what an operator or developer does about a FAIL
 * @param profiles     the profiles in which the requirement applies; elsewhere it is NOT_APPLICABLE
 * @param derived      true when the quote has no BCP 14 keyword of its own for this check and the level
 *                     is taken from the sentence it follows from
 */
public record Requirement(String id, int rfc, String section, Level level, String slug, String sectionTitle,
                          String title, String quote, String fixHint, Set<Profile> profiles, boolean derived) {

    private static final Pattern ID =
            Pattern.compile("RFC(\\d{3,5})-(\\d+(?:\\.\\d+)*)-(MUSTNOT|MUST|SHOULDNOT|SHOULD|MAY|INFO)-([A-Z0-9][A-Z0-9-]*)");

    public Requirement {
        Objects.requireNonNull(id);
        Objects.requireNonNull(title);
        Objects.requireNonNull(quote);
        Objects.requireNonNull(fixHint);
        profiles = Set.copyOf(profiles);
    }

    /** Builds a requirement from its id; the id carries RFC number, section and level. */
    public static Requirement of(String id, String sectionTitle, String title, String quote, String fixHint,
                                 Set<Profile> profiles, boolean derived) {
        Matcher m = ID.matcher(id);
        if (!m.matches()) {
            throw new IllegalArgumentException("requirement id '" + id
                    + "' does not follow RFC<n>-<section>-<LEVEL>-<SLUG> (LEVEL one of MUST, MUSTNOT, SHOULD, SHOULDNOT, MAY, INFO)");
        }
        return new Requirement(id, Integer.parseInt(m.group(1)), m.group(2), Level.valueOf(m.group(3)), m.group(4),
                sectionTitle, title, quote, fixHint, profiles.isEmpty() ? EnumSet.allOf(Profile.class) : profiles, derived);
    }

    public static boolean isWellFormedId(String id) {
        return ID.matcher(id).matches();
    }

    /** "RFC 3207" */
    public String rfcName() {
        return "RFC " + rfc;
    }

    /** Link to the section in the RFC Editor's HTML rendering. */
    public URI link() {
        return URI.create("https://www.rfc-editor.org/rfc/rfc" + rfc + ".html#section-" + section);
    }

    public boolean appliesTo(Profile profile) {
        return profiles.contains(profile);
    }
}
