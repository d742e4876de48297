package org.starttls.script;

import java.util.List;
import java.util.Optional;

/**
 * One case of a requirement file: the steps after its {@code @case} line.
 *
 * @param suffix      the case's name after the requirement id ({@code @case AFTER-EHLO: ...}); empty for a single case
 * @param file        the requirement file, for messages
 * @param line        where the case starts in the file
 * @param description the text of the {@code @case} line
 * @param needsClear  EHLO keywords the cleartext EHLO reply must list for the case to apply ({@code @needs X})
 * @param needsTls    EHLO keywords the EHLO reply inside TLS must list ({@code @needs tls:X})
 * @param text        the case's own lines, as written
 */
public record Script(Optional<String> suffix, String file, int line, String description, List<String> needsClear,
                     List<String> needsTls, List<Step> steps, String text) {
}
