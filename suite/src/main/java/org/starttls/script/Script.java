package org.starttls.script;

import java.util.List;

/**
 * A parsed scenario script.
 *
 * @param name        the case name: the file name without {@code .smtp}
 * @param file        where it came from, for messages
 * @param description the first comment line
 * @param needsClear  EHLO keywords the cleartext EHLO reply must list for the case to apply ({@code @needs X})
 * @param needsTls    EHLO keywords the EHLO reply inside TLS must list ({@code @needs tls:X})
 */
public record Script(String name, String file, String requirementId, String description, List<String> quotes,
                     List<String> needsClear, List<String> needsTls, List<Step> steps, String text) {
}
