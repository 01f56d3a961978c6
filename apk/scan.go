package apk

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/avast/apkparser"

	"privdiff/apk/dex"
	"privdiff/catalog"
	"privdiff/input"
)

// Options tune a scan; the zero value is the default.
type Options struct {
	Limits Limits
	// Workers bounds the goroutines one scan runs on at once (dex files,
	// the API walk); 0 means one per CPU. A batch running several scans
	// at a time gives each a share, so they do not contend.
	Workers int
	// SHA256, when set, is the file's digest the caller already computed
	// (batch hashes each APK for its resume key): the scan does not read
	// the whole file a second time to hash it.
	SHA256 string
	// Beside, when set, is work of the caller's (audit reads the policy
	// file) that the scan runs with its own work beside the dex files,
	// and waits for. It is not run if the scan fails before its dex files
	// start.
	Beside func()
}

// ScanFile reads an .apk, .apks or .xapk file. The error names the file and
// says what is wrong; a nil error may still come with Observed.Warnings.
func ScanFile(filePath string, opts Options) (*Observed, error) {
	f, st, err := input.Open(filePath) // a FIFO or a device would hang
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filePath, plainOSError(err))
	}
	defer f.Close()
	obs, err := Scan(f, st.Size(), opts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filePath, err)
	}
	obs.App.Path = filePath
	if len(obs.App.Files) == 1 && obs.App.Files[0] == "" {
		obs.App.Files[0] = path.Base(filePath)
	}
	return obs, nil
}

func plainOSError(err error) error {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return errors.New("no such file")
	case errors.Is(err, os.ErrPermission):
		return errors.New("permission denied")
	}
	return err
}

// Scan reads an APK or split set of the given size from r.
func Scan(r io.ReaderAt, size int64, opts Options) (*Observed, error) {
	limits := opts.Limits.withDefaults()
	// The digest is the one pass over the whole file, and the catalog's
	// tables are built on first use: both are side work (see sideWork),
	// started once the dex files have started to inflate. Started first,
	// they kept the inflation, a scan's longest path, waiting 3-5 ms for a
	// core.
	digest := make(chan string, 1)
	sideStarted := false
	startSide := func(side *sideWork) {
		sideStarted = true
		side.run(warmCatalog)
		if opts.SHA256 != "" {
			digest <- opts.SHA256
		} else {
			side.run(func() { hashAll(stopReader{io.NewSectionReader(r, 0, size), limits.Done}, digest) })
		}
		if opts.Beside != nil {
			side.run(opts.Beside)
		}
	}
	// Nothing may still read r once Scan returns.
	stopSide := func() {
		if sideStarted {
			<-digest
		}
	}

	a, err := openArchive(r, size, limits)
	if err != nil {
		return nil, err
	}
	a.spill = &spillFiles{}
	defer a.spill.remove()
	parts, warnings, err := splitParts(a, r)
	if err != nil {
		return nil, err
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	obs, err := assemble(parts, limits, workers, startSide)
	if err != nil {
		stopSide()
		return nil, err
	}
	if !sideStarted {
		side := newSideWork(workers, workers)
		startSide(side)
		side.wait()
	}
	splitSet := parts[0].arc != a
	if splitSet {
		// The container's own warnings; each APK's are added by assemble.
		warnings = append(warnings, a.warning...)
		checkXAPKManifest(a, obs)
	}
	obs.Warnings = append(append([]string{}, warnings...), obs.Warnings...)
	obs.Warnings = append(obs.Warnings, obs.signWarnings...)
	obs.App.Size = size
	obs.App.SHA256 = <-digest
	if obs.App.SHA256 == "" {
		if closed(limits.Done) {
			return nil, ErrStopped
		}
		return nil, errors.New("could not read the file to hash it")
	}
	return obs, nil
}

// hashAll sends the sha256 of what r holds, or "" when it cannot be read
// (or the scan is stopped).
func hashAll(r io.Reader, digest chan<- string) {
	h := sha256.New()
	// Large reads: io.Copy's 32 KB made a 90 MB APK take 2,800 system calls.
	if _, err := io.CopyBuffer(h, r, make([]byte, fileReadSize)); err != nil {
		digest <- ""
		return
	}
	digest <- hex.EncodeToString(h.Sum(nil))
}

// part is one APK of the app: the file itself, or one APK in a split set.
type part struct {
	name string // file name inside a split set; "" for a plain APK
	arc  *archive
}

// splitParts returns the APKs that make up the app. A plain APK has an
// AndroidManifest.xml at its root; a split set (.apks, .xapk, or any zip of
// APKs) holds APKs instead.
func splitParts(a *archive, r io.ReaderAt) ([]part, []string, error) {
	if a.file("AndroidManifest.xml") != nil {
		return []part{{arc: a}}, nil, nil
	}
	names := a.names(func(n string) bool { return strings.HasSuffix(strings.ToLower(n), ".apk") })
	if len(names) == 0 {
		return nil, nil, errors.New("no AndroidManifest.xml: not an APK (and no APKs inside, so not a split set)")
	}
	// bundletool's .apks also carries standalone and universal APKs for old
	// devices; the split APKs are what one device installs.
	var splits []string
	for _, n := range names {
		if strings.HasPrefix(n, "splits/") {
			splits = append(splits, n)
		}
	}
	if len(splits) > 0 {
		names = splits
	}
	var parts []part
	var warnings []string
	for _, n := range names {
		f := a.file(n)
		inner, err := openInner(a, f, r)
		if err != nil {
			warnings = append(warnings, fmt.Sprintf("%s: skipped: %v", n, err))
			continue
		}
		parts = append(parts, part{name: n, arc: inner})
	}
	if len(parts) == 0 {
		return nil, warnings, fmt.Errorf("split set holds %d APKs and none could be read: %s", len(names), joinFirst(warnings, 3))
	}
	return parts, warnings, nil
}

// openInner opens an APK stored inside a split set (or an archive of code
// inside an APK): in place when it is stored uncompressed (the usual case),
// else inflated into a temporary file, so that a set of many compressed
// APKs never holds them all in memory.
func openInner(outer *archive, f *zip.File, r io.ReaderAt) (*archive, error) {
	var inner *archive
	var err error
	if sec, ok := outer.section(f, r); ok {
		inner, err = openArchive(sec, sec.Size(), outer.limits)
	} else {
		var file *os.File
		var size int64
		if file, size, err = outer.spillEntry(f); err != nil {
			return nil, err
		}
		inner, err = openArchive(file, size, outer.limits)
	}
	if err != nil {
		return nil, err
	}
	inner.spill = outer.spill
	return inner, nil
}

// dexName is compiled on first use: a pattern compiled at start-up is paid by
// every command.
var dexName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^classes(\d*)\.dex$`) })

// dexJob is one dex file to read; results are written back by index so the
// output order does not depend on scheduling.
type dexJob struct {
	arc   *archive
	file  *zip.File
	label string
	// nested is set for a dex file inside the APK's files (see nested.go):
	// one that cannot be read is reported, never fatal.
	nested bool
	// inflated, unless nil, is called once the file is inflated, or
	// could not be.
	inflated func()
}

func (j dexJob) isInflated() {
	if j.inflated != nil {
		j.inflated()
	}
}

type dexResult struct {
	entry      DexEntry
	classes    []string
	stringHits []catalog.Match
	calls      map[callSite]int
	starts     []sdkStart
	facts      codeFacts
	warnings   []string
	err        error
	nested     bool
	label      string
}

// assemble reads every part and merges them into one Observed. The base APK
// gives the app's identity; every part contributes components, permissions,
// meta-data, dex and native libraries, as Android merges a split install.
func assemble(parts []part, limits Limits, workers int, dexStarted func(*sideWork)) (*Observed, error) {
	obs := &Observed{
		Permissions: []Permission{},
		Components:  []Component{},
		MetaData:    []MetaData{},
		NativeLibs:  []string{},
		Warnings:    []string{},
	}

	// Dex files are the bulk of the work: start them first, on every core,
	// while the manifests are parsed.
	var jobs []dexJob
	for _, p := range parts {
		for _, name := range dexNames(p.arc, &obs.Warnings, p.name) {
			jobs = append(jobs, dexJob{arc: p.arc, file: p.arc.file(name), label: qualify(p.name, name)})
		}
	}
	for _, p := range parts {
		nested, unread := nestedDexJobs(p.arc, p.name)
		jobs = append(jobs, nested...)
		obs.UnanalysedCode = append(obs.UnanalysedCode, unread...)
	}
	if len(jobs) > limits.MaxDexFiles {
		return nil, fmt.Errorf("%d dex files, over the cap of %d", len(jobs), limits.MaxDexFiles)
	}
	results := make([]dexResult, len(jobs))
	merged := newDexMerge(results)
	var wg sync.WaitGroup
	next := make(chan int, len(jobs))
	for i := range jobs {
		next <- i
	}
	close(next)
	// Each worker inflates its dex files one after another into one
	// buffer, so memory follows the largest dex, not their sum. Huge pages
	// serve an app with one large dex file (see entryBuffer.huge).
	large := 0
	for _, j := range jobs {
		if j.file.UncompressedSize64 >= largeDex {
			large++
		}
	}
	hugeBuffers := large <= 1
	// The dex files keep a core while they inflate; the side work takes
	// the others, and all of them after.
	side := newSideWork(workers-1, workers)
	var inflating atomic.Int32
	inflating.Store(int32(len(jobs)))
	inflated := func() {
		if inflating.Add(-1) == 0 {
			side.widen()
		}
	}
	if len(jobs) == 0 {
		side.widen()
	}
	defer side.wait()
	for range min(workers, len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// readDex keeps nothing of the bytes: they can live outside
			// the heap.
			buf := entryBuffer{outside: true, huge: hugeBuffers}
			defer buf.free()
			for i := range next {
				j := jobs[i]
				j.inflated = inflated
				results[i] = readDex(j, &buf, workers)
				results[i].nested, results[i].label = j.nested, j.label
				merged.done(i)
			}
		}()
	}

	manifests := make([]*manifest, len(parts))
	var manifestErr error
	read := make(chan struct{})
	side.run(func() {
		defer close(read)
		for i, p := range parts {
			obs.Warnings = append(obs.Warnings, prefixAll(p.name, p.arc.warning)...)
			m, warns, err := readManifest(p.arc)
			obs.Warnings = append(obs.Warnings, prefixAll(p.name, warns)...)
			if err != nil {
				if len(parts) == 1 {
					manifestErr = err
					break
				}
				obs.Warnings = append(obs.Warnings, fmt.Sprintf("%s: skipped: %v", p.name, err))
				continue
			}
			manifests[i] = m
		}
	})
	dexStarted(side)
	<-read
	if manifestErr != nil {
		wg.Wait()
		return nil, manifestErr
	}
	base := baseIndex(parts, manifests, &obs.Warnings)
	if base < 0 {
		wg.Wait()
		return nil, errors.New("split set has no readable base APK")
	}
	bm := manifests[base]
	// The signatures are one more pass over the base APK, and the Chinese
	// label a second read of the resource table: do both while the dex files
	// are still being walked.
	signed := make(chan struct{})
	var signers []Signer
	var signWarnings []string
	var labelZh string
	side.run(func() {
		defer close(signed)
		minSdk := 1
		if bm.hasMin {
			minSdk = bm.MinSdk
		}
		arc := parts[base].arc
		signers, signWarnings = readSigners(arc, arc.r, arc.size, minSdk)
		labelZh = chineseLabel(arc, bm.Label)
	})
	wg.Wait()
	<-signed
	if signers == nil {
		signers = []Signer{}
	}
	obs.signWarnings = signWarnings
	obs.App = App{
		Signers:     signers,
		Package:     bm.Package,
		VersionCode: bm.VersionCode,
		VersionName: bm.VersionName,
		Label:       bm.Label,
		LabelZh:     labelZh,
		MinSdk:      1,

		ApplicationClass: bm.Application,
	}
	if bm.hasMin {
		obs.App.MinSdk = bm.MinSdk
	}
	// Android's default target is the minimum level.
	obs.App.TargetSdk = obs.App.MinSdk
	if bm.hasTarget {
		obs.App.TargetSdk = bm.TargetSdk
	}
	obs.App.Files = append(obs.App.Files, parts[base].name)
	for i, p := range parts {
		if i != base && manifests[i] != nil {
			obs.App.Files = append(obs.App.Files, p.name)
		}
	}

	order := append([]int{base}, without(len(parts), base)...)
	for _, i := range order {
		m := manifests[i]
		if m == nil {
			continue
		}
		obs.Warnings = append(obs.Warnings, prefixAll(parts[i].name, m.Warnings)...)
		if i != base && m.Package != "" && m.Package != bm.Package {
			obs.Warnings = append(obs.Warnings, fmt.Sprintf("%s: package %q differs from the base APK's %q", parts[i].name, m.Package, bm.Package))
		}
		mergePermissions(obs, m, manifests)
		for _, c := range m.Components {
			comp := c.Component
			comp.Exported, comp.ExportedImplied = exported(c, obs.App.TargetSdk)
			if comp.ExportedImplied && c.hasIntentFilter && obs.App.TargetSdk >= 31 {
				obs.Warnings = append(obs.Warnings, fmt.Sprintf(
					"%s %s has an intent-filter but no android:exported: Android 12+ refuses to install an app targeting API %d like this; reported as exported, the pre-12 default",
					comp.Type, comp.Name, obs.App.TargetSdk))
			}
			if i != base {
				comp.Split = m.Split
			}
			obs.Components = append(obs.Components, comp)
		}
		obs.MetaData = append(obs.MetaData, m.MetaData...)
	}
	for _, p := range parts {
		obs.NativeLibs = append(obs.NativeLibs, p.arc.names(isNativeLib)...)
		obs.Assets = append(obs.Assets, p.arc.names(isAsset)...)
	}
	sort.Strings(obs.NativeLibs)
	obs.NativeLibs = slices.Compact(obs.NativeLibs)

	calls, starts, err := summariseDex(obs, results, merged)
	if err != nil {
		return nil, err
	}
	ix := catalog.Signatures()
	detectSDKs(obs, ix)
	markStarted(obs, starts, ix)
	settleSDKs(obs)
	detectPacker(obs)
	attributeAPIs(obs, calls, ix)
	return obs, nil
}

// sideWork is what a scan does beside its dex files: the manifests, the
// signatures and Chinese label, the file's hash, the catalog's tables,
// the caller's Beside. Goroutines take them from a queue in order, only so
// many at a time that the dex files keep a core while they inflate. Run
// all at once, they took turns with the inflation ten milliseconds at a
// time; an audit of ApiDemos on two cores started inflating 10-13 ms late.
type sideWork struct {
	mu    sync.Mutex
	queue []func()
	// idle is how many more goroutines may take tasks from the queue;
	// extra is how many widen adds.
	idle, extra int
	once        sync.Once
	wg          sync.WaitGroup
}

// newSideWork lets n side tasks run at once, and most once widened.
func newSideWork(n, most int) *sideWork {
	n, most = max(n, 1), max(most, n, 1)
	return &sideWork{idle: n, extra: most - n}
}

// run queues f. Tasks start in the order they were queued: the manifests,
// which the rest of the scan waits for, first.
func (s *sideWork) run(f func()) {
	s.wg.Add(1)
	s.mu.Lock()
	s.queue = append(s.queue, f)
	start := s.idle > 0
	if start {
		s.idle--
	}
	s.mu.Unlock()
	if start {
		go s.work()
	}
}

// work runs queued tasks until there are none.
func (s *sideWork) work() {
	for {
		s.mu.Lock()
		if len(s.queue) == 0 {
			s.idle++
			s.mu.Unlock()
			return
		}
		f := s.queue[0]
		s.queue = s.queue[1:]
		s.mu.Unlock()
		f()
		s.wg.Done()
	}
}

// widen lets the side work have every core, once the dex files are in.
func (s *sideWork) widen() {
	s.once.Do(func() {
		s.mu.Lock()
		s.idle += s.extra
		start := min(s.idle, len(s.queue))
		s.idle -= start
		s.mu.Unlock()
		for range start {
			go s.work()
		}
	})
}

// wait returns once every task queued has returned.
func (s *sideWork) wait() { s.wg.Wait() }

// warmCatalog builds the catalog tables a scan uses that are not laid out
// by go generate: the sensitive-API table and the SDK entry points.
func warmCatalog() {
	catalog.SensitiveAPIs()
	catalog.EntryPointOf("", "")
}

// readManifest parses one APK's manifest with its resources. The manifest
// is decoded, and its bytes given back to the budget, before the resource
// table is read: one entry held at a time. The table answers only the
// references the manifest's kept attributes hold (resourceTable).
func readManifest(a *archive) (*manifest, []string, error) {
	f := a.file("AndroidManifest.xml")
	if f == nil {
		return nil, nil, errors.New("no AndroidManifest.xml")
	}
	data, release, err := a.read(f)
	if err != nil {
		return nil, nil, err
	}
	tokens := decodeManifest(data)
	release()
	var warnings []string
	var res resourceValues
	var table []byte
	releaseTable := func() {}
	if rf := a.file("resources.arsc"); rf != nil {
		var err error
		table, releaseTable, err = a.read(rf)
		if errors.Is(err, ErrStopped) {
			return nil, nil, err
		}
		if err == nil {
			res, err = resourceTable(table)
		} else {
			releaseTable = func() {}
		}
		if err != nil {
			warnings = append(warnings, fmt.Sprintf("resources.arsc: %v; resource references stay unresolved", err))
		}
	}
	m, reparse, err := tokens.build(res)
	if reparse {
		// An attribute reading "@7f0b0001" may be a string written so: only
		// apkparser with the whole table tells it from a reference.
		var parsed *apkparser.ResourceTable
		if p, ok := res.(parsedTable); ok {
			parsed = p.t
		} else if res != nil {
			parsed, _ = parseTable(table) // it reads what the lazy reader accepted
		}
		releaseTable()
		if data, release, err = a.read(f); err != nil {
			return nil, nil, err
		}
		m, err = parseManifest(data, parsed)
		release()
	} else {
		releaseTable()
	}
	if err != nil {
		return nil, warnings, fmt.Errorf("AndroidManifest.xml: %w", err)
	}
	return m, warnings, nil
}

// dexNames lists classes.dex, classes2.dex, … in the order Android loads them.
// Android stops at the first missing number; files after a gap are still
// read, since code can load them itself, but the gap is reported.
func dexNames(a *archive, warnings *[]string, partName string) []string {
	type numbered struct {
		n    int
		name string
	}
	var found []numbered
	for _, name := range a.names(dexName().MatchString) {
		m := dexName().FindStringSubmatch(name)
		n := 1
		if m[1] != "" {
			v, err := strconv.Atoi(m[1])
			if err != nil || v < 2 {
				*warnings = append(*warnings, qualify(partName, name)+": not a name Android loads (classes.dex, classes2.dex, …)")
				continue
			}
			n = v
		}
		found = append(found, numbered{n, name})
	}
	sort.Slice(found, func(i, j int) bool { return found[i].n < found[j].n })
	names := make([]string, len(found))
	for i, f := range found {
		names[i] = f.name
		if f.n != i+1 {
			*warnings = append(*warnings, fmt.Sprintf("%s: Android does not load it: the dex numbering has a gap before it", qualify(partName, f.name)))
		}
	}
	return names
}

// readDex inflates one dex file into buf and reads it; nothing it returns
// refers to buf, which the worker reuses for its next file. The file is read
// as it inflates: its tables and strings while the class data, at its end,
// is still inflating.
func readDex(j dexJob, buf *entryBuffer, workers int) dexResult {
	if !inflatesInPlace(j.file) {
		data, err := j.arc.readInto(j.file, buf)
		j.isInflated()
		if err != nil {
			return dexResult{err: err}
		}
		return analyseDex(j, data, nil, workers)
	}
	if err := j.arc.reserveFor(j.file, buf); err != nil {
		j.isInflated()
		return dexResult{err: err}
	}
	data := buf.data[:j.file.UncompressedSize64]
	arrived := newArrival()
	var n int
	var inflateErr error
	go func() {
		defer arrived.end()
		n, inflateErr = j.arc.inflateInto(j.file, buf, arrived)
		j.isInflated()
	}()
	r := analyseDex(j, data, arrived, workers)
	<-arrived.done
	if inflateErr != nil {
		return dexResult{err: inflateErr}
	}
	if r.err == nil || errors.Is(r.err, ErrStopped) {
		return r
	}
	// Whatever went wrong is found again on the whole file, so that a
	// damaged dex is reported exactly as when it is read once inflated.
	return analyseDex(j, data[:n], nil, workers)
}

// analyseDex reads one inflated dex file, or with arrived set one still
// inflating into data (see readDex).
func analyseDex(j dexJob, data []byte, arrived *arrival, workers int) dexResult {
	var d *dex.File
	var err error
	if arrived != nil {
		d, err = dex.OpenArriving(data, arrived.wait)
	} else {
		d, err = dex.OpenBytes(data)
	}
	if err != nil {
		return dexResult{err: fmt.Errorf("%s: %w", j.label, err)}
	}
	d.StopOn(j.arc.limits.Done)
	// The class list and the string search need none of the walk's
	// tables: they run beside it.
	var descs, classes []string
	var stringHits []catalog.Match
	var descErr, searchErr error
	names, searched := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(names)
		if descs, descErr = d.ClassDescriptors(); descErr != nil {
			return
		}
		classes = make([]string, 0, len(descs))
		for _, desc := range descs {
			if name, ok := className(desc); ok {
				classes = append(classes, name)
			}
		}
		slices.Sort(classes)
	}()
	go func() {
		defer close(searched)
		stringHits, searchErr = searchStrings(data, arrived, d)
	}()
	calls, starts, facts, warnings, err := findAPICalls(d, catalog.SensitiveAPIs(), workers)
	<-names
	<-searched
	if descErr == nil {
		descErr = searchErr
	}
	if descErr != nil {
		return dexResult{err: fmt.Errorf("%s: %w", j.label, descErr)}
	}
	if err == nil && d.Stopped() {
		err = ErrStopped
	}
	if errors.Is(err, ErrStopped) {
		return dexResult{err: fmt.Errorf("%s: %w", j.label, err)}
	}
	if arrived != nil {
		// Read while inflating, the file is taken only once all is well:
		// readDex reads it again otherwise, for the same errors and
		// warnings as a file read whole.
		if err != nil {
			return dexResult{err: err}
		}
		if err := d.Complete(); err != nil {
			return dexResult{err: err}
		}
	}
	if err != nil {
		warnings = append(warnings, fmt.Sprintf("sensitive API scan stopped: %v", err))
	}
	return dexResult{
		entry:      DexEntry{File: j.label, Version: d.Version(), Classes: len(descs), Bytes: int64(len(data))},
		classes:    classes,
		stringHits: stringHits,
		calls:      calls,
		starts:     starts,
		facts:      facts,
		warnings:   prefixAll(j.label, warnings),
	}
}

// searchStrings finds the catalog's string signatures in a dex file's bytes,
// a megabyte at a time as they arrive when the file is still inflating.
func searchStrings(data []byte, arrived *arrival, d *dex.File) ([]catalog.Match, error) {
	m := catalog.Signatures().NewByteMatcher()
	const step = 1 << 20
	for from := 0; from < len(data) && !d.Stopped(); {
		to := len(data)
		if arrived != nil {
			to = min(from+step, len(data))
			if err := arrived.wait(uint64(to)); err != nil {
				return nil, err
			}
		}
		m.Search(data[:to], from)
		from = to
	}
	if d.Stopped() {
		return nil, nil
	}
	return m.Matches(), nil
}

// dexMerge gathers what the dex files found as each one finishes, in the
// files' order, so that a file's class names and call maps are merged and
// dropped while the next files are read: memory follows the app's distinct
// classes, not the sum over its dex files.
type dexMerge struct {
	mu      sync.Mutex
	results []dexResult
	ready   []bool
	next    int // results before next are merged

	classes         []string
	compacted       int // len(classes) after its last sort
	calls           map[callSite]int
	starts          []sdkStart
	startsCompacted int // len(starts) after its last sort
	facts           codeFacts
	stringHits      []catalog.Match
}

func newDexMerge(results []dexResult) *dexMerge {
	return &dexMerge{results: results, ready: make([]bool, len(results)), calls: map[callSite]int{}}
}

// done merges result i, and every later one already in, once all before
// it are merged.
func (m *dexMerge) done(i int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.ready[i] = true
	for ; m.next < len(m.results) && m.ready[m.next]; m.next++ {
		m.add(&m.results[m.next])
	}
}

// add merges one readable file's findings and drops them from its result.
func (m *dexMerge) add(r *dexResult) {
	if r.err != nil {
		return
	}
	// The first file's findings are taken over, not copied: most apps have
	// one dex file, whose lists and maps hold thousands of entries.
	m.classes = compactDoubled(extend(m.classes, r.classes), &m.compacted, strings.Compare)
	if m.starts == nil {
		// One file names each SDK once per calling class (an entry point
		// once per call): nothing to compact until others add theirs, and
		// markStarted needs no order (sorting ApiDemos' took ~1.4 ms).
		m.startsCompacted = len(r.starts)
	}
	m.starts = compactDoubled(extend(m.starts, r.starts), &m.startsCompacted, compareStarts)
	m.stringHits = append(m.stringHits, r.stringHits...)
	if len(m.calls) == 0 && r.calls != nil {
		m.calls = r.calls
	} else {
		for site, n := range r.calls {
			m.calls[site] += n
		}
	}
	m.facts.add(r.facts)
	r.classes, r.stringHits, r.calls, r.starts, r.facts = nil, nil, nil, nil, codeFacts{}
}

// extend appends more to s, or returns more itself when s is nil.
func extend[T any](s, more []T) []T {
	if s == nil {
		return more
	}
	return append(s, more...)
}

// compactDoubled sorts and compacts s whenever it has doubled since the
// last time (*at is its length then): a class that several dex files
// define repeats its entries, and this keeps them from piling up at a
// linearithmic cost in all.
func compactDoubled[T any](s []T, at *int, cmp func(a, b T) int) []T {
	if len(s) > 2*(*at)+1024 {
		slices.SortFunc(s, cmp)
		s = slices.CompactFunc(s, func(a, b T) bool { return cmp(a, b) == 0 })
		*at = len(s)
	}
	return s
}

// summariseDex adds the merged findings and each file's entry and warnings
// to obs. A dex that cannot be read fails the scan only when no dex could
// be read at all and the app has code.
func summariseDex(obs *Observed, results []dexResult, merged *dexMerge) (map[callSite]int, []sdkStart, error) {
	var failed []error
	topLevel := 0
	for _, r := range results {
		if errors.Is(r.err, ErrStopped) {
			return nil, nil, r.err
		}
		if r.err != nil && r.nested {
			why := fmt.Sprintf("%s: %v", r.label, r.err)
			if !errors.Is(r.err, ErrEntryTooLarge) {
				why = r.label + ": not a readable dex file (encrypted, or not code after all)"
			}
			obs.UnanalysedCode = append(obs.UnanalysedCode, why)
			continue
		}
		if !r.nested {
			topLevel++
		}
		if r.err != nil {
			if errors.Is(r.err, ErrEntryTooLarge) {
				return nil, nil, r.err
			}
			failed = append(failed, r.err)
			obs.Warnings = append(obs.Warnings, r.err.Error())
			continue
		}
		obs.Dex.Entries = append(obs.Dex.Entries, r.entry)
		obs.Warnings = append(obs.Warnings, r.warnings...)
	}
	if len(failed) > 0 && len(failed) == topLevel {
		return nil, nil, failed[0]
	}
	obs.stringHits = append(obs.stringHits, merged.stringHits...)
	obs.code.add(merged.facts)
	if n := len(obs.UnanalysedCode); n > 0 {
		obs.Warnings = append(obs.Warnings, fmt.Sprintf(
			"code not analysed: %d file(s) the app carries as code could not be read (%s); SDKs and API calls in them are not reported",
			n, joinFirst(obs.UnanalysedCode, 10)))
	}
	obs.Dex.Files = len(obs.Dex.Entries)
	if obs.Dex.Entries == nil {
		obs.Dex.Entries = []DexEntry{}
	}
	all := merged.classes
	sort.Strings(all)
	all = slices.Compact(all)
	obs.Classes = all
	obs.Dex.Classes = len(all)
	perPackage := map[string]int{}
	for _, c := range all {
		perPackage[javaPackage(c)]++
	}
	obs.Dex.Packages = make([]PackageCount, 0, len(perPackage))
	for name, n := range perPackage {
		obs.Dex.Packages = append(obs.Dex.Packages, PackageCount{Name: name, Classes: n})
	}
	sort.Slice(obs.Dex.Packages, func(i, j int) bool { return obs.Dex.Packages[i].Name < obs.Dex.Packages[j].Name })
	return merged.calls, merged.starts, nil
}

// className turns a type descriptor "Lcom/foo/Bar;" into "com.foo.Bar".
func className(desc string) (string, bool) {
	if len(desc) < 3 || desc[0] != 'L' || desc[len(desc)-1] != ';' {
		return "", false
	}
	// One allocation, and a search for each '/' rather than a step per
	// byte: this runs for every class of every dex, two or three times.
	inner := desc[1 : len(desc)-1]
	b := []byte(inner)
	for i := bytes.IndexByte(b, '/'); i >= 0; {
		b[i] = '.'
		j := bytes.IndexByte(b[i+1:], '/')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return unsafe.String(unsafe.SliceData(b), len(b)), true
}

// javaPackage is the package of a dotted class name; "" for the default package.
func javaPackage(class string) string {
	if i := strings.LastIndexByte(class, '.'); i >= 0 {
		return class[:i]
	}
	return ""
}

// exported applies Android's rule: the explicit attribute wins; otherwise a
// component with an intent-filter is exported (apps targeting API 31+ must
// say so explicitly, and Android refuses to install them if they do not),
// and a provider is exported by default for apps targeting API 16 or lower.
func exported(c manifestComponent, targetSdk int) (value, implied bool) {
	if c.exportedAttr != nil {
		return *c.exportedAttr, false
	}
	if c.Type == "provider" {
		return targetSdk < 17, true
	}
	return c.hasIntentFilter, true
}

func mergePermissions(obs *Observed, m *manifest, all []*manifest) {
	// A set, not a search of the list: 100,000 <uses-permission> would
	// otherwise cost 10^10 comparisons.
	seen := make(map[permissionKey]bool, len(obs.Permissions))
	for _, q := range obs.Permissions {
		seen[keyOf(q)] = true
	}
	for _, up := range m.UsesPermissions {
		p := Permission{Name: up.Name, MaxSdkVersion: up.MaxSdkVersion, SDK23: up.SDK23}
		if pp, ok := catalog.Permission(up.Name); ok {
			p.ProtectionLevel, p.ProtectionFlags = pp.Base(), pp.Flags()
		} else if level, ok := definedLevel(up.Name, all); ok {
			p.ProtectionLevel = level
		} else {
			p.ProtectionLevel = "unknown"
		}
		if k := keyOf(p); !seen[k] {
			seen[k] = true
			obs.Permissions = append(obs.Permissions, p)
		}
	}
}

func definedLevel(name string, all []*manifest) (string, bool) {
	for _, m := range all {
		if m == nil {
			continue
		}
		if level, ok := m.DefinedPermissions[name]; ok {
			return level, true
		}
	}
	return "", false
}

// permissionKey is what makes two <uses-permission> the same.
type permissionKey struct {
	name   string
	sdk23  bool
	hasMax bool
	maxSdk int
}

func keyOf(p Permission) permissionKey {
	k := permissionKey{name: p.Name, sdk23: p.SDK23}
	if p.MaxSdkVersion != nil {
		k.hasMax, k.maxSdk = true, *p.MaxSdkVersion
	}
	return k
}

// baseIndex finds the base APK of a split set: the one without a split name.
func baseIndex(parts []part, manifests []*manifest, warnings *[]string) int {
	base := -1
	for i, m := range manifests {
		if m == nil || m.Split != "" {
			continue
		}
		if base >= 0 {
			*warnings = append(*warnings, fmt.Sprintf("%s: a second base APK (no split name); %s is used as the base", parts[i].name, parts[base].name))
			continue
		}
		base = i
	}
	if base < 0 {
		for i, m := range manifests {
			if m != nil {
				*warnings = append(*warnings, fmt.Sprintf("no base APK in the split set; %s is used as the base", parts[i].name))
				return i
			}
		}
	}
	return base
}

func qualify(partName, entry string) string {
	if partName == "" {
		return entry
	}
	return partName + "!" + entry
}

func prefixAll(partName string, msgs []string) []string {
	if partName == "" {
		return msgs
	}
	out := make([]string, len(msgs))
	for i, m := range msgs {
		out[i] = partName + ": " + m
	}
	return out
}

func without(n, skip int) []int {
	var out []int
	for i := 0; i < n; i++ {
		if i != skip {
			out = append(out, i)
		}
	}
	return out
}
