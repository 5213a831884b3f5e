package syntax

type lexer struct{}

func newLexer(src []byte, fn func(*Pair)) *lexer { return &lexer{} }

func (l *lexer) run() {}
