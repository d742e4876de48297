package org.starttls.cases;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.starttls.catalogue.Catalogue;
import org.starttls.catalogue.Requirement;
import org.starttls.run.ConformanceCase;

/**
 * What every case written in Java says about itself: the requirement it checks, its name and description, the EHLO
 * keywords it needs, and its class as its source. Subclasses decide how a run becomes a verdict.
 */
public abstract class WrittenCase implements ConformanceCase {

    private final Requirement requirement;
    private final String name;
    private final String description;
    private final List<String> needsClear;
    private final List<String> needsTls;

    protected WrittenCase(String requirementId, String name, String description, List<String> needsClear,
                          List<String> needsTls) {
        this.requirement = Catalogue.byId(requirementId);
        this.name = name;
        this.description = description;
        this.needsClear = List.copyOf(needsClear);
        this.needsTls = List.copyOf(needsTls);
    }

    @Override
    public Requirement requirement() {
        return requirement;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<String> needsClear() {
        return needsClear;
    }

    @Override
    public List<String> needsTls() {
        return needsTls;
    }

    /**
     * None: a {@code class:} source makes Surefire and Failsafe report every Java case as a rerun of one nameless
     * test; the class is named in {@link #sourceText()} instead.
     */
    @Override
    public Optional<URI> sourceUri() {
        return Optional.empty();
    }

    @Override
    public String sourceText() {
        return description + "\n(Java case " + getClass().getName() + ")";
    }
}
