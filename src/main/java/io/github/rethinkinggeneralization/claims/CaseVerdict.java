package io.github.rethinkinggeneralization.claims;

import java.util.LinkedHashMap;
import java.util.Map;

/** A verdict with the sentence that explains it and the figures it was decided on. */
public record CaseVerdict(Verdict verdict, String explanation, Map<String, Double> measured) {

    public CaseVerdict {
        measured = new LinkedHashMap<>(measured);
    }

    public boolean reproduced() {
        return verdict == Verdict.REPRODUCED;
    }
}
