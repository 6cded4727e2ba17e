package org.schsm.conformance;

import groovy.lang.Closure;

/**
 * A closure of the suite file as a {@link CaseBody}. The closure class was compiled once when the
 * suite was loaded; each run clones it (a shallow copy) and points the copy at the case's context,
 * so cases never share a delegate.
 */
final class ClosureBody implements CaseBody {
    private final Closure<?> closure;

    ClosureBody(Closure<?> closure) {
        this.closure = closure;
    }

    @Override
    public void run(CaseContext context) {
        Closure<?> c = (Closure<?>) closure.clone();
        c.setDelegate(context);
        c.setResolveStrategy(Closure.DELEGATE_FIRST);
        c.call();
    }
}
