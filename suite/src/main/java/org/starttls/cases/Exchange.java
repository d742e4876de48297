package org.starttls.cases;

/**
 * The exchange a case's verdict rests on, for the reports' command → expected → got table: what was sent, what the
 * requirement expected, and the reply the server gave (each null when the case did not get that far).
 */
public record Exchange(String command, String expected, String got) {
}
