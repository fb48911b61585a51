package io.wsproto.interop.conformance;

/** A case's outcome against one implementation, with what was seen. */
record Result(Verdict verdict, String detail) {
    /** As in the compliance suites: exactly what the RFC asks, acceptable but looser, or wrong. */
    enum Verdict {
        OK, NON_STRICT, FAILED, NOT_APPLICABLE;

        String label() {
            return this == NON_STRICT ? "NON-STRICT" : this == NOT_APPLICABLE ? "n/a" : name();
        }
    }

    static Result ok(String detail) {
        return new Result(Verdict.OK, detail);
    }

    static Result nonStrict(String detail) {
        return new Result(Verdict.NON_STRICT, detail);
    }

    static Result failed(String detail) {
        return new Result(Verdict.FAILED, detail);
    }

    /** The worse of two results: a case is as good as its weakest step. */
    Result and(Result next) {
        return next.verdict.ordinal() > verdict.ordinal() ? next : this;
    }
}
