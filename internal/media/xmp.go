package media

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
)

// XMP namespaces.
const (
	nsRDF       = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	nsDC        = "http://purl.org/dc/elements/1.1/"
	nsXMP       = "http://ns.adobe.com/xap/1.0/"
	nsEXIF      = "http://ns.adobe.com/exif/1.0/"
	nsEXIFEX    = "http://cipa.jp/exif/1.0/"
	nsAUX       = "http://ns.adobe.com/exif/1.0/aux/"
	nsTIFF      = "http://ns.adobe.com/tiff/1.0/"
	nsPS        = "http://ns.adobe.com/photoshop/1.0/"
	nsIPTCCore  = "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/"
	nsIPTCExt   = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
	nsMWGRegion = "http://www.metadataworkinggroup.com/schemas/regions/"
	nsMPRegion  = "http://ns.microsoft.com/photo/1.2/t/RegionInfo#"
	nsMP        = "http://ns.microsoft.com/photo/1.2/"
)

type xmpField int

const (
	xText xmpField = iota + 1
	xOwner
	xMake
	xModel
	xSerialBody
	xSerialCamera
	xSerialLens
	xTaken
	xCreated
	xLat
	xLon
	xAlt
	xAltRef
)

type xmpKey struct{ space, local string }

var xmpFields = map[xmpKey]xmpField{
	{nsDC, "description"}: xText, {nsDC, "title"}: xText, {nsDC, "subject"}: xText,
	{nsDC, "rights"}: xText, {nsDC, "creator"}: xOwner, {nsDC, "contributor"}: xText,
	{nsTIFF, "ImageDescription"}: xText, {nsTIFF, "Artist"}: xOwner, {nsTIFF, "Copyright"}: xText,
	{nsTIFF, "Make"}: xMake, {nsTIFF, "Model"}: xModel,
	{nsEXIF, "UserComment"}: xText, {nsEXIF, "DateTimeOriginal"}: xTaken, {nsEXIF, "DateTimeDigitized"}: xCreated,
	{nsEXIF, "GPSLatitude"}: xLat, {nsEXIF, "GPSLongitude"}: xLon,
	{nsEXIF, "GPSAltitude"}: xAlt, {nsEXIF, "GPSAltitudeRef"}: xAltRef,
	{nsEXIF, "GPSAreaInformation"}: xText,
	{nsEXIFEX, "BodySerialNumber"}: xSerialBody, {nsEXIFEX, "CameraOwnerName"}: xOwner,
	{nsEXIFEX, "LensSerialNumber"}: xSerialLens,
	{nsAUX, "SerialNumber"}:        xSerialCamera, {nsAUX, "OwnerName"}: xOwner, {nsAUX, "LensSerialNumber"}: xSerialLens,
	{nsXMP, "CreateDate"}: xCreated, {nsXMP, "Label"}: xText,
	{nsPS, "DateCreated"}: xTaken, {nsPS, "Headline"}: xText, {nsPS, "City"}: xText,
	{nsPS, "State"}: xText, {nsPS, "Country"}: xText, {nsPS, "Credit"}: xText, {nsPS, "Source"}: xText,
	{nsPS, "Instructions"}: xText, {nsPS, "CaptionWriter"}: xText, {nsPS, "AuthorsPosition"}: xText,
	{nsIPTCCore, "Location"}: xText, {nsIPTCCore, "CiAdrExtadr"}: xText, {nsIPTCCore, "CiAdrCity"}: xText,
	{nsIPTCCore, "CiAdrRegion"}: xText, {nsIPTCCore, "CiAdrPcode"}: xText, {nsIPTCCore, "CiAdrCtry"}: xText,
	{nsIPTCCore, "CiEmailWork"}: xText, {nsIPTCCore, "CiTelWork"}: xText, {nsIPTCCore, "CiUrlWork"}: xText,
	{nsIPTCExt, "PersonInImage"}: xText, {nsIPTCExt, "City"}: xText, {nsIPTCExt, "Sublocation"}: xText,
	{nsIPTCExt, "ProvinceState"}: xText, {nsIPTCExt, "CountryName"}: xText, {nsIPTCExt, "LocationName"}: xText,
	{nsIPTCExt, "Event"}:  xText,
	{nsMWGRegion, "Name"}: xText, {nsMWGRegion, "Description"}: xText,
	{nsMPRegion, "PersonDisplayName"}: xText, {nsMP, "LastKeywordXMP"}: xText,
}

// parseXMP reads an XMP packet (RDF/XML). Element content and attribute
// values of the properties in xmpFields are collected. The input is at most
// maxBlock bytes; encoding/xml neither fetches external entities nor expands
// user-defined ones, and its work is linear in the input.
func parseXMP(b []byte, c *collector, where string) {
	b = bytes.Trim(b, "\x00 \t\r\n")
	if len(b) == 0 {
		return
	}
	if len(b) > maxBlock {
		c.warn("%s: XMP packet larger than %d bytes not read", where, maxBlock)
		return
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	d.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		return nil, errors.New("unsupported XMP charset " + strconv.Quote(label))
	}
	var stack []xmpKey
	var lat, lon, alt string
	var altRef string
	tokens := 0
	for {
		tok, err := d.Token()
		if err != nil {
			if err != io.EOF {
				c.warn("%s: malformed XMP: %v", where, err)
			}
			break
		}
		tokens++
		if tokens > 1<<20 {
			c.warn("%s: XMP has too many XML tokens; the rest was not read", where)
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) >= 256 {
				c.warn("%s: XMP nested too deeply", where)
				return
			}
			stack = append(stack, xmpKey{t.Name.Space, t.Name.Local})
			for _, a := range t.Attr {
				if f, ok := xmpFields[xmpKey{a.Name.Space, a.Name.Local}]; ok {
					xmpValue(c, f, a.Value, &lat, &lon, &alt, &altRef)
				}
			}
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			s := strings.TrimSpace(string(t))
			if s == "" {
				continue
			}
			// The property is the innermost element outside the RDF
			// namespace (rdf:Alt/Bag/Seq/li only wrap values).
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i].space == nsRDF {
					continue
				}
				if f, ok := xmpFields[stack[i]]; ok {
					xmpValue(c, f, s, &lat, &lon, &alt, &altRef)
				}
				break
			}
		}
	}
	if lat != "" || lon != "" {
		la, ok1 := xmpCoord(lat, 'S')
		lo, ok2 := xmpCoord(lon, 'W')
		if !ok1 || !ok2 {
			c.warn("%s: XMP GPS position %q, %q not understood", where, lat, lon)
			return
		}
		g := GPS{Lat: la, Lon: lo}
		if a, ok := xmpRational(alt); ok {
			if altRef == "1" {
				a = -a
			}
			g.Alt = &a
		}
		c.position(prioXMP, g)
	}
}

func xmpValue(c *collector, f xmpField, v string, lat, lon, alt, altRef *string) {
	switch f {
	case xText:
		c.text(v)
	case xOwner:
		c.add(&c.owner, prioXMP, v)
	case xMake:
		c.add(&c.make, prioXMP, v)
	case xModel:
		c.add(&c.model, prioXMP, v)
	case xSerialBody:
		c.add(&c.serial, prioXMP, v)
	case xSerialCamera:
		c.add(&c.serial, prioXMP+1, v)
	case xSerialLens:
		c.add(&c.serial, prioXMP+2, v)
	case xTaken:
		c.takenAt(prioXMP, isoTime(v))
	case xCreated:
		c.takenAt(prioXMP+1, isoTime(v))
	case xLat:
		*lat = v
	case xLon:
		*lon = v
	case xAlt:
		*alt = v
	case xAltRef:
		*altRef = strings.TrimSpace(v)
	}
}

// xmpCoord parses the XMP GPSCoordinate forms "DDD,MM,SSk" and "DDD,MM.mmk"
// (k is N, S, E or W); neg is the reference letter that makes it negative.
func xmpCoord(s string, neg byte) (float64, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 2 {
		return 0, false
	}
	ref := firstUpper(s[len(s)-1:])
	body := s
	sign := 1.0
	if ref >= 'A' && ref <= 'Z' {
		body = s[:len(s)-1]
		if ref == neg {
			sign = -1
		}
	}
	parts := strings.Split(body, ",")
	if len(parts) > 3 {
		return 0, false
	}
	v := make([]float64, 0, 3)
	for _, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return 0, false
		}
		v = append(v, f)
	}
	return sign * dms(v), true
}

func xmpRational(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	if n, d, ok := strings.Cut(s, "/"); ok {
		a, err1 := strconv.ParseFloat(n, 64)
		b, err2 := strconv.ParseFloat(d, 64)
		if err1 != nil || err2 != nil || b == 0 {
			return 0, false
		}
		return a / b, true
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}
