package sign

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strconv"
)

// cryptoComMaxLevel is the nesting depth at which the official sample stops
// recursing (MAX_LEVEL = 3).
const cryptoComMaxLevel = 3

// CryptoComParamString returns the parameter string that Crypto.com
// Exchange signs, following the official sample's params_to_str:
//
//   - keys of an object are sorted (byte order) and each key is followed
//     directly by its value, with no separators;
//   - null (nil) becomes "null";
//   - a list is flattened: its elements are concatenated in order, objects
//     inside it being rendered recursively one level deeper;
//   - a nested object value is likewise rendered recursively one level
//     deeper (the JavaScript sample's behaviour);
//   - an object at depth 3 or more (the sample's MAX_LEVEL) is not expanded
//     further; it is rendered as compact JSON;
//   - strings are used verbatim, json.Number keeps its text, other numbers
//     use the shortest decimal form (so 1.0 gives "1"), booleans are "true"
//     and "false". Crypto.com recommends sending numbers as strings, which
//     avoids any float-formatting ambiguity.
//
// params may be any map with string keys (map[string]any from
// encoding/json, map[string]string, ...); a nil or empty map gives "".
//
// Reference: exchanges.md §2.15 (Crypto.com Exchange, "Signing").
func CryptoComParamString(params any) string {
	v := deref(reflect.ValueOf(params))
	if !v.IsValid() {
		return ""
	}
	return cryptoComObject(v, 0)
}

// cryptoComObject renders an already dereferenced value expected to be an
// object at the given level.
func cryptoComObject(v reflect.Value, level int) string {
	if v.Kind() != reflect.Map {
		return cryptoComScalar(v)
	}
	if level >= cryptoComMaxLevel {
		b, err := json.Marshal(v.Interface())
		if err != nil {
			return fmt.Sprint(v.Interface())
		}
		return string(b)
	}
	keys := make([]string, 0, v.Len())
	byKey := make(map[string]reflect.Value, v.Len())
	for it := v.MapRange(); it.Next(); {
		k := fmt.Sprint(it.Key().Interface())
		keys = append(keys, k)
		byKey[k] = it.Value()
	}
	sort.Strings(keys)
	out := ""
	for _, k := range keys {
		out += k + cryptoComValue(byKey[k], level)
	}
	return out
}

// cryptoComValue renders the value of a key in an object at the given level.
func cryptoComValue(v reflect.Value, level int) string {
	v = deref(v)
	switch {
	case !v.IsValid():
		return "null"
	case v.Kind() == reflect.Map:
		return cryptoComObject(v, level+1)
	case isList(v):
		return cryptoComList(v, level+1)
	default:
		return cryptoComScalar(v)
	}
}

// cryptoComList flattens a list whose elements sit at the given level.
func cryptoComList(v reflect.Value, level int) string {
	out := ""
	for i := 0; i < v.Len(); i++ {
		e := deref(v.Index(i))
		switch {
		case !e.IsValid():
			out += "null"
		case e.Kind() == reflect.Map:
			out += cryptoComObject(e, level)
		case isList(e):
			out += cryptoComList(e, level)
		default:
			out += cryptoComScalar(e)
		}
	}
	return out
}

// deref unwraps interfaces and pointers; a nil one yields the zero Value.
func deref(v reflect.Value) reflect.Value {
	for v.IsValid() && (v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer) {
		if v.IsNil() {
			return reflect.Value{}
		}
		v = v.Elem()
	}
	return v
}

func isList(v reflect.Value) bool {
	k := v.Kind()
	return (k == reflect.Slice || k == reflect.Array) && v.Type().Elem().Kind() != reflect.Uint8
}

func cryptoComScalar(v reflect.Value) string {
	if n, ok := v.Interface().(json.Number); ok {
		return n.String()
	}
	switch v.Kind() {
	case reflect.String:
		return v.String()
	case reflect.Bool:
		return strconv.FormatBool(v.Bool())
	case reflect.Float32:
		return strconv.FormatFloat(v.Float(), 'f', -1, 32)
	case reflect.Float64:
		return strconv.FormatFloat(v.Float(), 'f', -1, 64)
	default:
		return fmt.Sprint(v.Interface())
	}
}

// CryptoCom returns the "sig" field of a Crypto.com Exchange (v1 and
// legacy v2) JSON-RPC request:
//
//	hex(HMAC-SHA256(secret, method + id + apiKey + CryptoComParamString(params) + nonce))
//
// method is the JSON-RPC method (e.g. "private/user-balance"), id and nonce
// (milliseconds) are written in decimal exactly as in the request body, and
// params is the request's "params" object (nil when absent).
//
// Reference: exchanges.md §2.15 (Crypto.com Exchange, "Signing").
func CryptoCom(secret, method string, id int64, apiKey string, params any, nonce int64) string {
	return hmacHex(sha256.New, secret, cryptoComPrehash(method, id, apiKey, params, nonce))
}

func cryptoComPrehash(method string, id int64, apiKey string, params any, nonce int64) string {
	return method + strconv.FormatInt(id, 10) + apiKey + CryptoComParamString(params) + strconv.FormatInt(nonce, 10)
}
