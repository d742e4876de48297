package org.starttls.junit;

/**
 * Marks a case whose verdict could not be reached (timeout, 421, failed setup). It is not an assertion failure, so
 * JUnit reports it as an error and Allure as "broken": distinct from FAIL, and never a PASS.
 */
public final class InconclusiveException extends RuntimeException {
    public InconclusiveException(String message) {
        super(message, null, false, false);
    }
}
