package ingest

import (
	"net/url"
	"sort"
	"strings"
)

// trackingParams are query parameters that say where a reader came from,
// not which page they read; two URLs that differ only in these are one page.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "gbraid": true, "wbraid": true,
	"msclkid": true, "mc_cid": true, "mc_eid": true, "igshid": true, "yclid": true,
	"_ga": true, "_gl": true, "ocid": true, "cmpid": true, "ns_mchannel": true,
	"ns_source": true, "ns_campaign": true, "ns_linkname": true, "ns_fee": true,
	"twclid": true, "li_fat_id": true, "s_cid": true, "ito": true,
}

// URLKey is the form of a page's URL that names one story: captures whose
// keys are equal are versions of the same page. It drops the scheme, a
// leading "www.", a default port, the fragment, tracking parameters (utm_*,
// fbclid, gclid and the like) and a trailing slash, lowercases the host and
// sorts the remaining query parameters. A string that is not an absolute
// URL is returned trimmed, so it still names itself.
func URLKey(raw string) string {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	host := strings.ToLower(u.Hostname())
	host = strings.TrimSuffix(host, ".")
	host = strings.TrimPrefix(host, "www.")
	if port := u.Port(); port != "" && port != "80" && port != "443" {
		host += ":" + port
	}
	p := u.EscapedPath()
	p = strings.TrimRight(p, "/")
	var keep []string
	for _, kv := range strings.Split(u.RawQuery, "&") {
		if kv == "" {
			continue
		}
		name, _, _ := strings.Cut(kv, "=")
		name, _ = url.QueryUnescape(name)
		name = strings.ToLower(name)
		if strings.HasPrefix(name, "utm_") || trackingParams[name] {
			continue
		}
		keep = append(keep, kv)
	}
	sort.Strings(keep)
	key := host + p
	if len(keep) > 0 {
		key += "?" + strings.Join(keep, "&")
	}
	return key
}
