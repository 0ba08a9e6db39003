using System.Globalization;

namespace DlnLab.Problems;

/// <summary>
/// The parsed header of a .npy file: element type, memory order and shape. The header is a Python dict literal such as
/// <c>{'descr': '&lt;f8', 'fortran_order': False, 'shape': (3, 4), }</c> (numpy's format.py, versions 1.0 to 3.0).
/// </summary>
internal sealed record NpyHeader(NpyDtype Dtype, bool FortranOrder, int[] Shape)
{
    /// <summary>
    /// Parses the dict; throws <see cref="FormatException"/> when it is malformed and <see cref="NotSupportedException"/>
    /// for a well-formed header of a dtype this reader does not convert.
    /// </summary>
    public static NpyHeader Parse(string text)
    {
        var p = new Parser(text);
        var dict = p.ParseDict();
        if (!dict.TryGetValue("descr", out var descr)) throw new FormatException("header has no 'descr'");
        if (!dict.TryGetValue("fortran_order", out var order)) throw new FormatException("header has no 'fortran_order'");
        if (!dict.TryGetValue("shape", out var shape)) throw new FormatException("header has no 'shape'");
        if (descr is not string d) throw new NotSupportedException("structured arrays (a list as 'descr') are not supported; need one numeric dtype");
        if (order is not bool f) throw new FormatException("'fortran_order' is not True or False");
        if (shape is not long[] dims) throw new FormatException("'shape' is not a tuple of integers");
        var ints = new int[dims.Length];
        for (int i = 0; i < dims.Length; i++)
        {
            if (dims[i] < 0 || dims[i] > int.MaxValue) throw new FormatException($"shape has a bad dimension {dims[i]}");
            ints[i] = (int)dims[i];
        }
        return new NpyHeader(NpyDtype.Parse(d), f, ints);
    }

    /// <summary>The header numpy itself writes for a C-order array.</summary>
    public static string Format(string descr, ReadOnlySpan<int> shape) =>
        $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {DenseArray.FormatShape(shape.ToArray())}, }}";

    /// <summary>A recursive-descent reader for the few Python literals a header contains: str, bool, int tuples, dicts.</summary>
    private ref struct Parser(string text)
    {
        private readonly string _text = text;
        private int _pos;

        public Dictionary<string, object> ParseDict()
        {
            Expect('{');
            var dict = new Dictionary<string, object>(StringComparer.Ordinal);
            while (true)
            {
                SkipSpace();
                if (Peek() == '}') { _pos++; break; }
                if (_pos >= _text.Length) throw new FormatException("the header dict is not closed with '}'");
                string key = ParseString();
                Expect(':');
                dict[key] = ParseValue();
                SkipSpace();
                if (Peek() == ',') { _pos++; continue; }
                Expect('}');
                break;
            }
            SkipSpace();
            if (_pos != _text.Length) throw new FormatException($"unexpected text after the header dict at position {_pos}");
            return dict;
        }

        private object ParseValue()
        {
            SkipSpace();
            char c = Peek();
            if (c is '\'' or '"') return ParseString();
            if (c == '(') return ParseTuple();
            if (Take("True")) return true;
            if (Take("False")) return false;
            if (c == '[') return SkipBracketed();
            throw new FormatException($"unexpected character '{c}' at position {_pos}");
        }

        private long[] ParseTuple()
        {
            Expect('(');
            var items = new List<long>();
            while (true)
            {
                SkipSpace();
                if (Peek() == ')') { _pos++; break; }
                int start = _pos;
                while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos])) _pos++;
                if (start == _pos) throw new FormatException($"expected an integer in the shape at position {_pos}");
                if (!long.TryParse(_text.AsSpan(start, _pos - start), NumberStyles.None, CultureInfo.InvariantCulture, out long v))
                    throw new FormatException("shape dimension too large");
                items.Add(v);
                if (Peek() == 'L') _pos++; // headers written by Python 2
                SkipSpace();
                if (Peek() == ',') { _pos++; continue; }
                Expect(')');
                break;
            }
            return items.ToArray();
        }

        // Structured dtypes are lists of tuples; they are skipped here and rejected by the caller.
        private object SkipBracketed()
        {
            int depth = 0;
            for (; _pos < _text.Length; _pos++)
            {
                if (_text[_pos] == '[') depth++;
                else if (_text[_pos] == ']' && --depth == 0) { _pos++; return new object(); }
            }
            throw new FormatException("unterminated list in header");
        }

        private string ParseString()
        {
            SkipSpace();
            char quote = Peek();
            if (quote is not ('\'' or '"')) throw new FormatException($"expected a quoted string at position {_pos}");
            int end = _text.IndexOf(quote, _pos + 1);
            if (end < 0) throw new FormatException("unterminated string in header");
            string s = _text.Substring(_pos + 1, end - _pos - 1);
            _pos = end + 1;
            return s;
        }

        private bool Take(string word)
        {
            if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0) return false;
            _pos += word.Length;
            return true;
        }

        private void Expect(char c)
        {
            SkipSpace();
            if (Peek() != c) throw new FormatException($"expected '{c}' at position {_pos} of the header");
            _pos++;
        }

        private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

        private void SkipSpace()
        {
            while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos])) _pos++;
        }
    }
}
