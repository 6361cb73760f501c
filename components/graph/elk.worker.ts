// The ELK layout's worker (elk-layout.ts). elkjs's worker script answers ELK's messages on `self`
// when it is evaluated where there is no `document`: importing it is all this worker does.
import 'elkjs/lib/elk-worker.min.js';
