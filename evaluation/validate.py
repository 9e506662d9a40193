#!/usr/bin/env python3
"""Validate evaluation/data/{fi,en}.jsonl against training/LABELS.md values and models/taxonomy.json; print counts.
Usage: python3 evaluation/validate.py   (exit status 0 = valid)"""
import json, os, sys
from collections import Counter
HERE = os.path.dirname(os.path.abspath(__file__))
TAX = os.path.join(HERE, '..', 'models', 'taxonomy.json')
ALLOWED = {
    'lang': {'fi', 'en'},
    'speaker': {'customer', 'agent', 'bot'},
    'channel': {'phone', 'chat', 'email', 'bot', 'survey', 'social', 'visit'},
    'register': {'spoken', 'formal', 'neutral'},
    'sector': {'telecom', 'energy', 'banking', 'insurance', 'retail', 'ecommerce', 'public', 'transport', 'utilities', 'other'},
    'tone': {'negative', 'neutral', 'positive'},
}
EMOTIONS = {'frustration', 'disappointment', 'confusion', 'worry', 'gratitude'}
BEHAVIOURS = {'greeting', 'introduction', 'empathy', 'apology', 'ownership', 'solution', 'confirm_resolution',
              'next_steps', 'polite_close', 'blame_customer'}
HARD = {'negation', 'politeness', 'sarcasm', 'implicit', 'mixed', 'question', 'typo', 'emoji', 'codeswitch',
        'inflection', 'compound', 'intensifier', 'hedge'}
POL = {'negative', 'neutral', 'positive'}
KEYS = ['text', 'lang', 'speaker', 'channel', 'register', 'sector', 'tone', 'emotions', 'themes', 'behaviours', 'hard']
theme_ids = [t['id'] for t in json.load(open(TAX))['themes']]

def check(lang):
    path = os.path.join(HERE, 'data', f'{lang}.jsonl')
    errs, rows = [], []
    for n, line in enumerate(open(path, encoding='utf-8'), 1):
        try:
            r = json.loads(line)
        except json.JSONDecodeError as e:
            errs.append(f'{n}: not JSON ({e})'); continue
        if set(r) != set(KEYS):
            errs.append(f'{n}: keys {sorted(r)}')
        for k, ok in ALLOWED.items():
            if r.get(k) not in ok:
                errs.append(f'{n}: bad {k}={r.get(k)!r}')
        if r.get('lang') != lang:
            errs.append(f'{n}: lang mismatch')
        if not isinstance(r.get('text'), str) or not r['text'].strip():
            errs.append(f'{n}: empty text')
        for k, ok in (('emotions', EMOTIONS), ('behaviours', BEHAVIOURS), ('hard', HARD)):
            v = r.get(k)
            if not isinstance(v, list) or any(x not in ok for x in v) or len(set(v)) != len(v):
                errs.append(f'{n}: bad {k}={v!r}')
        th = r.get('themes')
        if not isinstance(th, list) or len(th) > 3:
            errs.append(f'{n}: themes must be a list of 0-3')
        else:
            ids = [t.get('id') for t in th]
            if len(set(ids)) != len(ids):
                errs.append(f'{n}: repeated theme')
            for t in th:
                if set(t) != {'id', 'polarity'} or t['id'] not in theme_ids or t['polarity'] not in POL:
                    errs.append(f'{n}: bad theme {t!r}')
        if r.get('behaviours') and r.get('speaker') != 'agent':
            errs.append(f'{n}: behaviours on a non-agent utterance')
        rows.append(r)
    texts = Counter(r['text'].strip().lower() for r in rows)
    errs += [f'duplicate text: {t!r}' for t, c in texts.items() if c > 1]
    return rows, errs

def counts(rows):
    c = {k: Counter() for k in ('tone', 'speaker', 'channel', 'register', 'sector', 'emotions', 'themes', 'behaviours', 'hard')}
    for r in rows:
        for k in ('tone', 'speaker', 'channel', 'register', 'sector'):
            c[k][r[k]] += 1
        for k in ('emotions', 'behaviours', 'hard'):
            c[k].update(r[k])
        c['themes'].update(t['id'] for t in r['themes'])
    c['hard_any'] = sum(1 for r in rows if r['hard'])
    c['no_theme'] = sum(1 for r in rows if not r['themes'])
    c['no_emotion'] = sum(1 for r in rows if not r['emotions'])
    return c

def main():
    ok = True
    res = {}
    for lang in ('fi', 'en'):
        rows, errs = check(lang)
        for e in errs:
            print(f'ERROR {lang}: {e}')
        ok &= not errs
        res[lang] = (rows, counts(rows))
    for lang, (rows, c) in res.items():
        n = len(rows)
        print(f'\n== {lang}: {n} lines, errors: none' if ok else f'\n== {lang}: {n} lines')
        for k in ('tone', 'speaker', 'channel', 'register', 'sector'):
            print(f'{k}: ' + ', '.join(f'{v} {x} ({100*x/n:.0f}%)' for v, x in c[k].most_common()))
        print(f"hard (any tag): {c['hard_any']} ({100*c['hard_any']/n:.0f}%); " + ', '.join(f'{v} {x}' for v, x in c['hard'].most_common()))
        print(f"emotions: none {c['no_emotion']}; " + ', '.join(f'{v} {x}' for v, x in c['emotions'].most_common()))
        print('behaviours: ' + ', '.join(f'{v} {x}' for v, x in c['behaviours'].most_common()))
        print(f"themes: none {c['no_theme']}; " + ', '.join(f'{t} {c["themes"][t]}' for t in theme_ids))
        low = [t for t in theme_ids if c['themes'][t] < 8]
        if low:
            print('THEMES BELOW 8:', low); ok = False
    sys.exit(0 if ok else 1)

if __name__ == '__main__':
    main()
