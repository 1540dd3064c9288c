package main

import "runtime/debug"

// version is what "sessions --version" prints: the module version of an
// installed binary (go install …@v1.2.3), or "devel" with the commit it was
// built from.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	vcs := map[string]string{}
	for _, s := range bi.Settings {
		vcs[s.Key] = s.Value
	}
	v := "devel"
	if rev := vcs["vcs.revision"]; rev != "" {
		v += " " + rev[:min(12, len(rev))]
		if vcs["vcs.modified"] == "true" {
			v += "+dirty"
		}
	}
	return v + " (" + bi.GoVersion + ")"
}
