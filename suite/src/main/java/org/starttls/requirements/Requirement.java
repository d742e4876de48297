package org.starttls.requirements;

import java.net.URI;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.starttls.summary.Level;
import org.starttls.summary.Profile;
import org.starttls.summary.Role;

/**
 * One checkable requirement, as its file under {@code requirements/} says. The RFC number, section and level are read
 * from the id ({@code RFC<n>-<section>-<LEVEL>-<SLUG>}) so they cannot disagree with it.
 *
 * @param role         who is under test: the server (the suite plays the client) or the client
 * @param sectionTitle the RFC's own title of that section
 * @param title        what a conforming implementation does, in one sentence (English)
 * @param titleDe      the same in German, when the file gives it
 * @param quote        the RFC sentence the requirement rests on, verbatim
 * @param fixHint      what an operator or developer does about a FAIL (English)
 * @param fixHintDe    the same in German, when the file gives it
 * @param profiles     the profiles in which the requirement applies; elsewhere it is NOT_APPLICABLE
 * @param derived      why the level is not the quote's own keyword for this check, when it is derived
 * @param file         the requirement's file, relative to the classpath, for messages and reports
 */
public record Requirement(String id, int rfc, String section, Level level, String slug, Role role, String sectionTitle,
                          String title, Optional<String> titleDe, String quote, String fixHint, Optional<String> fixHintDe,
                          Set<Profile> profiles, Optional<String> derived, String file) {

    private static final Pattern ID =
            Pattern.compile("RFC(\\d{3,5})-(\\d+(?:\\.\\d+)*)-(MUSTNOT|MUST|SHOULDNOT|SHOULD|MAY|INFO)-([A-Z0-9][A-Z0-9-]*)");

    public Requirement {
        Objects.requireNonNull(id);
        Objects.requireNonNull(title);
        Objects.requireNonNull(quote);
        Objects.requireNonNull(fixHint);
        profiles = profiles.isEmpty() ? EnumSet.allOf(Profile.class) : Set.copyOf(profiles);
    }

    /** The parts of a well-formed id, or empty. */
    static Optional<Matcher> parseId(String id) {
        Matcher m = ID.matcher(id);
        return m.matches() ? Optional.of(m) : Optional.empty();
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

    public boolean isDerived() {
        return derived.isPresent();
    }
}
