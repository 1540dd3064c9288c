package p

// Tagged has a json tag.
type Tagged struct {
	A int `json:"a"`
	B int `yaml:"b"`
}

type wire struct {
	A int `json:"a"`
}
