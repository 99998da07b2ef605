#!/usr/bin/env python3
"""Draw the BetterBack exercise illustrations: one small SVG per exercise id.

Run from anywhere:  python3 tools/draw_illustrations.py
It (re)writes content/exercises/illustrations/<id>.svg for all 53 exercise ids.
Standard library only, and the output is deterministic.

How it works
------------
A figure is a set of joint positions: hip, shoulder, head and a chain of points for
each arm and leg. `body()` builds one from a few numbers:

* angles are in degrees, counter-clockwise, 0 = pointing right, 90 = pointing up;
* a limb is given either by segment angles (`A`), by a target for its end point that
  is reached with two-link inverse kinematics (`T`, with a hint direction for the
  knee or elbow), or by explicit points (`P`, for views seen from above or the front);
* side view draws the far arm and leg a little lighter, so the figure reads in depth;
  `front=True` puts hips and shoulders side by side (front view, or seen from above).

A drawing is a list of SVG elements: background, props (floor, mat, chair, wall ...),
an optional faint "ghost" pose for the start of the movement, arrows and the figure.
The drawings contain no text apart from the <title>, so they work in every language.
"""
import math
import os

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir,
                       'content', 'exercises', 'illustrations')

# ---------------------------------------------------------------- style
BG = '#f6f8fa'
INK = '#1f5f6b'        # figure
INK_FAR = '#5a919b'    # far-side arm and leg (side view)
BAND = '#e07a2d'       # theraband
ARROW = '#8a9aa4'      # movement arrows and hints
FLOOR = '#b4bec5'
PROP = '#9aa6ae'       # chair, table, pole, stick outlines
PROP_FILL = '#dfe5ea'  # mat, wall, ball
GHOST_OPACITY = '.3'

# ---------------------------------------------------------------- body sizes
TORSO, NECK, HEAD_R = 46, 5, 10
THIGH, SHIN, FOOT = 36, 36, 10
UPPER, FORE = 26, 25
W_TORSO, W_TORSO_FRONT, W_LEG, W_ARM, W_FOOT, W_NECK = 15, 22, 9, 7, 7, 7
HIP_HALF, SHOULDER_HALF = 8, 14        # half widths in front view
FLOOR_Y = 182


# ---------------------------------------------------------------- geometry
def vec(deg, length=1.0):
    r = math.radians(deg)
    return (length * math.cos(r), -length * math.sin(r))


def add(p, v, k=1.0):
    return (p[0] + k * v[0], p[1] + k * v[1])


def dist(p, q):
    return math.hypot(q[0] - p[0], q[1] - p[1])


def angle(p, q):
    """Direction from p to q in degrees (0 = right, 90 = up)."""
    return math.degrees(math.atan2(-(q[1] - p[1]), q[0] - p[0]))


def lerp(p, q, t):
    return (p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t)


def two_link(start, target, l1, l2, hint):
    """Middle joint and end point of a two-segment limb reaching for target.

    Of the two possible bends, the one whose middle joint lies furthest in the
    `hint` direction is used (e.g. knees forward, elbows back)."""
    d = max(min(dist(start, target), l1 + l2 - 0.01), abs(l1 - l2) + 0.01)
    base = angle(start, target)
    a = math.degrees(math.acos((l1 * l1 + d * d - l2 * l2) / (2 * l1 * d)))
    h = vec(hint)
    best = max((base + a, base - a),
               key=lambda g: vec(g)[0] * h[0] + vec(g)[1] * h[1])
    mid = add(start, vec(best, l1))
    return mid, add(mid, vec(angle(mid, target), l2))


# ---------------------------------------------------------------- limb specs
def A(*angles):
    """Limb by absolute segment angles: leg (thigh, shin, foot), arm (upper, fore)."""
    return ('A', angles)


def T(x, y, hint, foot=None):
    """Limb reaching for (x, y); hint = direction the knee/elbow points to."""
    return ('T', (x, y), hint, foot)


def P(*points):
    """Limb by explicit points after the hip/shoulder (knee, ankle, toe / elbow, hand)."""
    return ('P', points)


def _chain(root, spec, lengths):
    kind = spec[0]
    if kind == 'P':
        return [root] + list(spec[1])
    if kind == 'A':
        pts = [root]
        for ang, ln in zip(spec[1], lengths):
            pts.append(add(pts[-1], vec(ang, ln)))
        return pts
    _, target, hint, foot = spec
    mid, end = two_link(root, target, lengths[0], lengths[1], hint)
    pts = [root, mid, end]
    if foot is not None:
        pts.append(add(end, vec(foot, lengths[2])))
    return pts


def body(hip, torso, legs, arms, head=None, front=False, curve=0.0):
    """Build a figure.

    hip    -- (x, y) of the pelvis centre
    torso  -- angle from hip to shoulders, or a point the torso points at
    legs   -- [far, near] limb specs (front view: [image-left/bottom, other])
    arms   -- [far, near] limb specs
    head   -- angle of the neck (defaults to the torso angle)
    curve  -- bend of the back in px (+ = bulging to the left of hip->shoulder)
    """
    ang = torso if isinstance(torso, (int, float)) else angle(hip, torso)
    sh = add(hip, vec(ang, TORSO))
    h_ang = ang if head is None else head
    head_c = add(sh, vec(h_ang, NECK + HEAD_R))
    ctrl = add(lerp(hip, sh, 0.5), vec(ang + 90, curve))
    if front:
        hips = [add(hip, vec(ang - 90, -HIP_HALF)), add(hip, vec(ang - 90, HIP_HALF))]
        shs = [add(sh, vec(ang - 90, -SHOULDER_HALF)), add(sh, vec(ang - 90, SHOULDER_HALF))]
    else:
        hips, shs = [hip, hip], [sh, sh]
    return {
        'front': front, 'hip': hip, 'sh': sh, 'head': head_c, 'ctrl': ctrl,
        'shs': shs,
        'legs': [_chain(hips[i], legs[i], (THIGH, SHIN, FOOT)) for i in range(2)],
        'arms': [_chain(shs[i], arms[i], (UPPER, FORE)) for i in range(2)],
    }


def _map(b, f):
    out = dict(b)
    for k in ('hip', 'sh', 'head', 'ctrl'):
        out[k] = f(b[k])
    out['shs'] = [f(p) for p in b['shs']]
    out['legs'] = [[f(p) for p in ch] for ch in b['legs']]
    out['arms'] = [[f(p) for p in ch] for ch in b['arms']]
    return out


def shift(b, dx, dy):
    return _map(b, lambda p: (p[0] + dx, p[1] + dy))


def lowest(b):
    """Lowest drawn y of a figure (stroke widths included)."""
    ys = [b['head'][1] + HEAD_R, b['hip'][1] + W_TORSO / 2, b['sh'][1] + W_TORSO / 2]
    for ch in b['legs']:
        ys += [p[1] + W_LEG / 2 for p in ch[:3]] + [p[1] + W_FOOT / 2 for p in ch[3:]]
    for ch in b['arms']:
        ys += [p[1] + W_ARM / 2 for p in ch]
    return max(ys)


def ground(b, floor=FLOOR_Y):
    """Move the figure up or down so that it rests on the floor."""
    return shift(b, 0, floor - lowest(b))


# ---------------------------------------------------------------- svg output
def n(v):
    s = '%.1f' % v
    return s[:-2] if s.endswith('.0') else ('-0' if s == '-0' else s)


def pts(points):
    return ' '.join('%s,%s' % (n(x), n(y)) for x, y in points)


def line(points, width, color, extra=''):
    if len(points) == 2:
        (x1, y1), (x2, y2) = points
        return ('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="%s"%s/>'
                % (n(x1), n(y1), n(x2), n(y2), color, n(width), extra))
    return ('<polyline points="%s" stroke="%s" stroke-width="%s"%s/>'
            % (pts(points), color, n(width), extra))


def haloed(points, width, color):
    """A limb with a thin background-coloured outline, so it stands out on top."""
    return [line(points, width + 3, BG), line(points, width, color)]


def draw(b, ghost=False):
    """SVG elements for a figure (ghost = faint start position)."""
    out = []
    far_ink = INK if (b['front'] or ghost) else INK_FAR
    legs, arms = b['legs'], b['arms']

    def leg(ch, color, halo):
        f = haloed if halo else (lambda p, w, c: [line(p, w, c)])
        res = f(ch[:3], W_LEG, color)
        if len(ch) > 3:
            res += f(ch[2:], W_FOOT, color)
        return res

    torso_w = W_TORSO_FRONT if b['front'] else W_TORSO
    torso = ('<path d="M%s %sQ%s %s %s %s" fill="none" stroke="%s" stroke-width="%s"/>'
             % (n(b['hip'][0]), n(b['hip'][1]), n(b['ctrl'][0]), n(b['ctrl'][1]),
                n(b['sh'][0]), n(b['sh'][1]), INK, torso_w))
    neck = line([b['sh'], b['head']], W_NECK, INK)
    head = ('<circle cx="%s" cy="%s" r="%s" fill="%s" stroke="%s" stroke-width="2"/>'
            % (n(b['head'][0]), n(b['head'][1]), HEAD_R, INK, BG))
    if b['front']:
        out += leg(legs[0], INK, False) + leg(legs[1], INK, False)
        out += [torso, line(b['shs'], W_ARM + 2, INK), neck, head]
        out += haloed(arms[0], W_ARM, INK) + haloed(arms[1], W_ARM, INK)
    else:
        out += [line(arms[0], W_ARM, far_ink)] + leg(legs[0], far_ink, False)
        out += [torso, neck, head]
        out += leg(legs[1], INK, True) + haloed(arms[1], W_ARM, INK)
    attrs = ' fill="none" stroke-linecap="round" stroke-linejoin="round"'
    if ghost:
        attrs += ' opacity="%s"' % GHOST_OPACITY
    return ['<g%s>' % attrs] + out + ['</g>']


# ---------------------------------------------------------------- arrows & props
def _head(tip, direction, size=7):
    a, b = add(tip, vec(direction + 150, size)), add(tip, vec(direction - 150, size))
    return '<path d="M%s %sL%s %sL%s %sZ" fill="%s"/>' % (
        n(a[0]), n(a[1]), n(tip[0]), n(tip[1]), n(b[0]), n(b[1]), ARROW)


def arrow(p0, p1, ctrl=None, both=False, color=ARROW):
    """Straight or curved (quadratic, via ctrl) arrow from p0 to p1."""
    c = ctrl if ctrl is not None else lerp(p0, p1, 0.5)
    d = 'M%s %sQ%s %s %s %s' % (n(p0[0]), n(p0[1]), n(c[0]), n(c[1]), n(p1[0]), n(p1[1]))
    out = ['<path d="%s" fill="none" stroke="%s" stroke-width="2.5" '
           'stroke-linecap="round"/>' % (d, color),
           _head(p1, angle(c, p1))]
    if both:
        out.append(_head(p0, angle(c, p0)))
    return out


def arc_arrow(center, r, a0, a1, both=False):
    """Arrow along a circular arc from angle a0 to a1 (degrees, ccw positive)."""
    p0, p1 = add(center, vec(a0, r)), add(center, vec(a1, r))
    ccw = a1 > a0
    large = 1 if abs(a1 - a0) > 180 else 0
    d = 'M%s %sA%s %s 0 %d %d %s %s' % (n(p0[0]), n(p0[1]), n(r), n(r), large,
                                          0 if ccw else 1, n(p1[0]), n(p1[1]))
    out = ['<path d="%s" fill="none" stroke="%s" stroke-width="2.5" '
           'stroke-linecap="round"/>' % (d, ARROW),
           _head(p1, a1 + (90 if ccw else -90))]
    if both:
        out.append(_head(p0, a0 + (-90 if ccw else 90)))
    return out


def floor(x0=20, x1=300, y=FLOOR_Y):
    return ['<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="3" '
            'stroke-linecap="round"/>' % (x0, n(y + 1.5), x1, n(y + 1.5), FLOOR)]


def mat(x0, x1, y=FLOOR_Y):
    return ['<rect x="%s" y="%s" width="%s" height="5" rx="2.5" fill="%s"/>'
            % (x0, n(y - 1), x1 - x0, PROP_FILL)] + floor(min(20, x0), max(300, x1), y + 3)


def mat_from_above(x0, y0, x1, y1):
    return ['<rect x="%s" y="%s" width="%s" height="%s" rx="10" fill="%s" '
            'stroke="%s" stroke-width="2"/>' % (x0, y0, x1 - x0, y1 - y0, PROP_FILL, FLOOR)]


def chair(x_front, facing=1, seat_y=FLOOR_Y - 36, depth=40, back=True):
    """A simple chair seen from the side; the front edge of the seat is at x_front."""
    xb = x_front - facing * depth
    out = ['<g fill="none" stroke="%s" stroke-width="4" stroke-linecap="round" '
           'stroke-linejoin="round">' % PROP,
           '<polyline points="%s"/>' % pts([(x_front, FLOOR_Y), (x_front, seat_y),
                                            (xb, seat_y), (xb, FLOOR_Y)])]
    if back:
        out.append('<line x1="%s" y1="%s" x2="%s" y2="%s"/>'
                   % (n(xb), n(seat_y), n(xb - facing * 4), n(seat_y - 50)))
    return out + ['</g>']


def wall(x, side=1, top=24):
    """A wall whose face is at x; side=+1 means the wall extends to the right."""
    x0 = x if side > 0 else x - 14
    return ['<rect x="%s" y="%s" width="14" height="%s" fill="%s"/>'
            % (n(x0), top, FLOOR_Y + 3 - top, PROP_FILL),
            '<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="2"/>'
            % (n(x), top, n(x), FLOOR_Y + 3, FLOOR)]


def table(x0, x1, top_y):
    return ['<g fill="none" stroke="%s" stroke-width="4" stroke-linecap="round">' % PROP,
            '<line x1="%s" y1="%s" x2="%s" y2="%s" stroke-width="6"/>'
            % (x0, n(top_y), x1, n(top_y)),
            '<line x1="%s" y1="%s" x2="%s" y2="%s"/>' % (x0 + 6, n(top_y), x0 + 6, FLOOR_Y),
            '<line x1="%s" y1="%s" x2="%s" y2="%s"/>' % (x1 - 6, n(top_y), x1 - 6, FLOOR_Y),
            '</g>']


def pole(x, top=30):
    return ['<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="7" '
            'stroke-linecap="round"/>' % (x, top, x, FLOOR_Y, PROP)]


def ball(cx, cy, r):
    return ['<circle cx="%s" cy="%s" r="%s" fill="%s" stroke="%s" stroke-width="2.5"/>'
            % (n(cx), n(cy), n(r), PROP_FILL, PROP)]


def band(points, ctrl=None):
    """A theraband: straight polyline, or a quadratic curve through ctrl."""
    if ctrl is not None:
        (x0, y0), (x1, y1) = points
        return ['<path d="M%s %sQ%s %s %s %s" fill="none" stroke="%s" stroke-width="3.5" '
                'stroke-linecap="round"/>' % (n(x0), n(y0), n(ctrl[0]), n(ctrl[1]),
                                               n(x1), n(y1), BAND)]
    return [line(points, 3.5, BAND, ' fill="none" stroke-linecap="round" '
                                    'stroke-linejoin="round"')]


def stick(p0, p1):
    return [line([p0, p1], 5, PROP, ' stroke-linecap="round"')]


def activation(x, y):
    """Three small arcs pointing at the lower belly: 'gently draw in'."""
    out = []
    for i, r in enumerate((6, 11, 16)):
        out.append('<path d="M%s %sA%s %s 0 0 1 %s %s" fill="none" stroke="%s" '
                   'stroke-width="2.5" stroke-linecap="round" opacity="%s"/>'
                   % (n(x + r * 0.5), n(y - r * 0.87), r, r, n(x + r * 0.5), n(y + r * 0.87),
                      ARROW, ('1', '.75', '.5')[i]))
    return out


def dashed_plumb(x, y0, y1):
    return ['<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="2" '
            'stroke-dasharray="5 5"/>' % (n(x), n(y0), n(x), n(y1), ARROW)]


# ---------------------------------------------------------------- common poses
F = FLOOR_Y


def supine(hx=170, legs=None, arms=None, torso=180, head=None, curve=0.0):
    """Lying on the back, head to the left; default: knees bent, arms by the sides."""
    hip = (hx, F - W_TORSO / 2)
    if legs is None:
        legs = [knees_bent(hx), knees_bent(hx)]
    if arms is None:
        arms = [A(-2, 0), A(-2, 0)]
    return ground(body(hip, torso, legs, arms, head=head, curve=curve))


def knees_bent(hx, dx=50):
    return T(hx + dx, F - W_FOOT / 2 + 0.5, 90, 0)


def hands_on_waist(hx, torso=180):
    sh = add((hx, F - 7), vec(torso, TORSO))
    return P((sh[0] + 22, F - 4), (hx - 6, F - 15))


def standing(hx=160, arms=None, legs=None, torso=90, head=None, curve=0.0):
    """Standing upright, facing right; knees soft."""
    legs = legs or [A(-88, -92, 0), A(-88, -92, 0)]
    arms = arms or [A(-95, -85), A(-95, -85)]
    return ground(body((hx, 100), torso, legs, arms, head=head, curve=curve))


def straight_body(feet, lean, arms, toe_down=False, head=None):
    """Body straight as a plank from the ankles, leaning `lean` degrees (0 = lying flat
    with the head to the right, 90 = standing)."""
    ankle = feet
    hip = add(ankle, vec(lean, SHIN + THIGH))
    foot = lean - 90 - 50 if toe_down else 0
    legs = [A(lean + 180, lean + 180, foot)] * 2
    return body(hip, lean, legs, arms, head=head)


def lean_for(feet, hand, reach):
    """Lean angle of a straight body (from the feet) whose shoulders are `reach` px
    from `hand`: scanning down from upright, the first angle that gets close enough."""
    for tenth in range(900, 0, -1):
        lean = tenth / 10
        sh = add(feet, vec(lean, SHIN + THIGH + TORSO))
        if dist(sh, hand) <= reach:
            return lean
    return 0.0


def four_point(hx=130, arms=None, legs=None, curve=0.0, torso=None, head=None):
    """On hands and knees, head to the right."""
    hip = (hx, F - W_LEG / 2 - THIGH)
    # shoulders higher than the hips by (arm length - thigh length)
    ang = torso if torso is not None else math.degrees(math.asin((UPPER + FORE - THIGH) / TORSO))
    arms = arms or [A(-90, -90), A(-90, -90)]
    kneel = A(-90, 180, 180)
    legs = legs or [kneel, kneel]
    return ground(body(hip, ang, legs, arms, curve=curve,
                       head=head if head is not None else ang - 15))


# ---------------------------------------------------------------- the drawings
DRAWINGS = {}


def drawing(ident, title):
    def register(fn):
        DRAWINGS[ident] = (title, fn)
        return fn
    return register


# --- Part 1: posture and basic control ------------------------------------
@drawing('p1-1a', 'Lying on the back with knees bent, hands on the waist, gently tilting the pelvis')
def _():
    b = supine(arms=[hands_on_waist(170), hands_on_waist(170)])
    return mat(80, 250) + arc_arrow((170, 170), 24, 150, 30, both=True) + draw(b)


@drawing('p1-1b', 'Lying on the back seen from above, letting one bent knee fall slowly out to the side')
def _():
    cy, hx = 100, 178

    def figure(out):
        top_knee = (hx + 18, cy - 44) if out else (hx + 30, cy - 11)
        return body((hx, cy), 180, head=180, front=True,
                    legs=[P((hx + 30, cy + 11), (hx + 50, cy + 11), (hx + 61, cy + 11)),
                          P(top_knee, (hx + 50, cy - 11), (hx + 61, cy - 11))],
                    arms=[A(-8, -3), A(8, 3)])
    return (mat_from_above(70, 36, 262, 164) + draw(figure(False), ghost=True)
            + arrow((hx + 29, cy - 17), (hx + 21, cy - 36))
            + draw(figure(True)))


def chair_sitter(hx, torso=90, curve=0.0, head=None, arms=None, legs=None, seat=36):
    """Sitting, facing right, on a seat whose top is `seat` px above the floor."""
    hip = (hx, F - seat - W_TORSO / 2 + 1)
    legs = legs or [T(hx + 38, F - 4, 0, 0), T(hx + 38, F - 4, 0, 0)]
    arms = arms or [A(-80, -10), A(-80, -10)]
    return body(hip, torso, legs, arms, head=head, curve=curve)


@drawing('p1-2a', 'Sitting on a chair, rocking the pelvis from slumped to a neutral, upright back')
def _():
    hx = 140
    under = [T(hx + 2, F - 36, 180), T(hx + 2, F - 36, 180)]
    slump = chair_sitter(hx + 4, torso=114, curve=-10, head=72,
                         arms=[T(hx + 6, F - 36, 180), T(hx + 6, F - 36, 180)])
    upright = chair_sitter(hx, arms=under)
    return (floor() + chair(hx + 18) + dashed_plumb(hx, 22, F - 40)
            + draw(slump, ghost=True) + arc_arrow((hx, F - 64), 40, 118, 92) + draw(upright))


def waist_arms(hip, sh):
    """Side view: elbows just behind the waist, hands on the front of the lower belly."""
    arm = P((hip[0] - 9, hip[1] - 15), (hip[0] + 10, hip[1] - 11))
    return [arm, arm]


@drawing('p1-2b', 'Sitting tall on a chair, hands on the waist, gently drawing in the lower belly')
def _():
    hx = 140
    b = chair_sitter(hx)
    b = chair_sitter(hx, arms=waist_arms(b['hip'], b['sh']))
    return floor() + chair(hx + 18) + draw(b) + activation(hx + 22, b['hip'][1] - 18)


@drawing('p1-2c', 'Sitting tall on a training ball, slowly lifting one knee')
def _():
    hx, r = 140, 22
    seat = 2 * r - 1
    base = chair_sitter(hx, seat=seat)
    arms = waist_arms(base['hip'], base['sh'])
    down = chair_sitter(hx, arms=arms, seat=seat,
                        legs=[T(hx + 42, F - 4, 0, 0), T(hx + 42, F - 4, 0, 0)])
    up = chair_sitter(hx, arms=arms, seat=seat,
                      legs=[T(hx + 42, F - 4, 0, 0), A(24, -78, 0)])
    knee = up['legs'][1][1]
    return (floor() + ball(hx - 4, F - r, r) + draw(down, ghost=True)
            + arrow((knee[0] + 14, knee[1] + 26), (knee[0] + 14, knee[1] - 2))
            + draw(up))


@drawing('p1-3a', 'Standing tall in a neutral posture, ear, shoulder, hip, knee and ankle in one line')
def _():
    b = standing(160, torso=90)
    return floor() + draw(b) + dashed_plumb(161, 22, F)


@drawing('p1-3b', 'Standing tall, hands on the waist, gently drawing in the lower belly')
def _():
    b = standing(160)
    b = standing(160, arms=waist_arms(b['hip'], b['sh']))
    return floor() + draw(b) + activation(182, b['hip'][1] - 12)


def front_stand(cx, shift_x=0.0, arms=None, spread=34):
    """Standing seen from the front, feet `spread` px from the centre line; the pelvis
    is moved sideways by shift_x (knees bend outwards when needed)."""
    hip = (cx + shift_x, 96)
    feet = [(cx - spread, F - 4), (cx + spread, F - 4)]
    legs = [T(feet[0][0], feet[0][1], 180, 180), T(feet[1][0], feet[1][1], 0, 0)]
    arms = arms or [A(-100, -92), A(-80, -88)]
    return ground(body(hip, 90, legs, arms, front=True))


@drawing('p1-3c', 'Standing with feet wide apart, shifting the weight from one leg to the other')
def _():
    left = front_stand(160, -14)
    right = front_stand(160, 14)
    y = 28
    return (floor() + draw(left, ghost=True) + arrow((140, y), (180, y), both=True)
            + draw(right))


# --- Part 2, family 1: bridge ----------------------------------------------
def bridge(hx=165, lift=23, near_leg=None):
    sh = (120, F - W_TORSO / 2)
    feet = (hx + 48, F - W_FOOT / 2 + 0.5)
    dx = math.sqrt(max(TORSO ** 2 - lift ** 2, 1))
    hip = (sh[0] + dx, sh[1] - lift)
    legs = [T(feet[0], feet[1], 90, 0), near_leg or T(feet[0], feet[1], 90, 0)]
    return body(hip, sh, legs, [A(-3, -2), A(-3, -2)], head=180)


@drawing('p2-bridge-a', 'Lying on the back with knees bent, lifting the pelvis off the floor')
def _():
    low, high = bridge(lift=0.5), bridge()
    hip = high['hip']
    return (mat(80, 250) + draw(low, ghost=True)
            + arrow((hip[0] - 4, hip[1] - 12), (hip[0] - 4, hip[1] - 36)) + draw(high))


def straight_leg(hip, sh):
    a = angle(sh, hip)
    return A(a, a, a + 80)


@drawing('p2-bridge-b', 'Pelvis lifted, then one leg straightened in line with the body')
def _():
    both = bridge()
    kick = bridge(near_leg=straight_leg(both['hip'], both['sh']))
    toe = kick['legs'][1][2]
    return (mat(80, 270) + draw(both, ghost=True)
            + arrow((224, F - 24), (toe[0] + 10, toe[1] + 8), ctrl=(240, F - 34))
            + draw(kick))


@drawing('p2-bridge-c', 'Lifting the pelvis on one foot, with the other leg held straight')
def _():
    low = bridge(lift=0.5)
    up = bridge()
    single = bridge(near_leg=straight_leg(up['hip'], up['sh']))
    hip = single['hip']
    return (mat(80, 270) + draw(low, ghost=True)
            + arrow((hip[0] - 6, hip[1] - 12), (hip[0] - 6, hip[1] - 36)) + draw(single))


# --- family 2: abdominals ----------------------------------------------------
@drawing('p2-abdominals-a', 'Lying on the back, hands on the waist, lifting one bent knee towards the chest')
def _():
    hx = 170
    arms = [hands_on_waist(hx), hands_on_waist(hx)]
    down = supine(hx, arms=arms)
    up = supine(hx, arms=arms, legs=[knees_bent(hx), A(88, 2, 70)])
    t0, t1 = down['legs'][1][3], up['legs'][1][3]
    return (mat(80, 250) + draw(down, ghost=True)
            + arrow(add(t0, (8, -10)), add(t1, (8, 4)), ctrl=(t0[0] + 22, t1[1] + 20))
            + draw(up))


@drawing('p2-abdominals-b', 'Lying on the back, one knee bent, lifting the other leg straight')
def _():
    hx = 165
    arms = [hands_on_waist(hx), hands_on_waist(hx)]
    flat = supine(hx, arms=arms, legs=[knees_bent(hx), A(0, 0, 80)])
    up = supine(hx, arms=arms, legs=[knees_bent(hx), A(38, 38, 118)])
    return (mat(80, 270) + draw(flat, ghost=True)
            + arc_arrow((hx, F - 8), 80, 6, 32) + draw(up))


@drawing('p2-abdominals-c', 'Curling up from lying on the back, bringing an elbow towards the opposite knee')
def _():
    hx = 172
    hip = (hx, F - W_TORSO / 2)

    def behind_head(b, far_dir, near_dir):
        sh, head = b['sh'], b['head']
        return [P(add(sh, vec(far_dir, 24)), add(head, (-3, 3))),
                P(add(sh, vec(near_dir, 24)), add(head, (-3, 3)))]
    flat0 = body(hip, 180, [knees_bent(hx)] * 2, [A(0, 0)] * 2, head=178)
    flat = ground(body(hip, 180, [knees_bent(hx)] * 2, behind_head(flat0, 150, 150), head=178))
    legs = [knees_bent(hx), A(110, -14, 60)]
    curl0 = body(hip, 145, legs, [A(0, 0)] * 2, curve=5, head=115)
    curl = ground(body(hip, 145, legs, behind_head(curl0, 140, 35), curve=5, head=115))
    return (mat(80, 250) + draw(flat, ghost=True)
            + arc_arrow((hx, F - 8), 64, 168, 140) + draw(curl))


# --- family 3: hip -------------------------------------------------------------
@drawing('p2-hip-a', 'Lying on the back seen from above, band around the knees, moving the knees apart')
def _():
    cy, hx = 100, 178

    def figure(spread):
        k = 10 + spread
        return body((hx, cy), 180, head=180, front=True,
                    legs=[P((hx + 28, cy + k), (hx + 50, cy + 10), (hx + 61, cy + 10)),
                          P((hx + 28, cy - k), (hx + 50, cy - 10), (hx + 61, cy - 10))],
                    arms=[A(-8, -3), A(8, 3)])
    closed, opened = figure(0), figure(22)
    k0, k1 = opened['legs'][0][1], opened['legs'][1][1]
    return (mat_from_above(70, 36, 262, 164) + draw(closed, ghost=True)
            + arrow((hx + 18, cy - 16), (hx + 18, cy - 40))
            + arrow((hx + 18, cy + 16), (hx + 18, cy + 40))
            + draw(opened) + band([k0, k1]))


def side_lying(hx, legs, top_arm=None, hip_y=F - 9):
    """Lying on the side, seen from the front, head to the left resting on the arm."""
    b = body((hx, hip_y), 180, legs,
             [A(180, 180), top_arm or P((hx - 26, hip_y - 12), (hx - 4, hip_y - 12))],
             head=170)
    return b


@drawing('p2-hip-b', 'Lying on the side with knees bent and a band around the knees, opening the top knee')
def _():
    hx, hy = 170, F - 9
    bottom = P((hx + 30, F - 5), (hx + 58, F - 12), (hx + 67, F - 18))
    shut = side_lying(hx, [bottom, P((hx + 30, hy - 5), (hx + 58, F - 15), (hx + 67, F - 21))])
    opened = side_lying(hx, [bottom, P((hx + 24, hy - 30), (hx + 58, F - 15), (hx + 67, F - 21))])
    return (mat(70, 260) + draw(shut, ghost=True)
            + arc_arrow((hx + 58, F - 15), 40, 160, 125)
            + draw(opened) + band([(hx + 30, F - 5), (hx + 24, hy - 30)]))


@drawing('p2-hip-c', 'Lying on the side with straight legs and a band around the ankles, lifting the top leg')
def _():
    hx, hy = 150, F - 9
    bottom = A(0, 0, -30)
    low = side_lying(hx, [bottom, A(3, 2, -28)])
    high = side_lying(hx, [bottom, A(20, 20, -10)])
    ank0, ank1 = high['legs'][0][2], high['legs'][1][2]
    return (mat(50, 270) + draw(low, ghost=True)
            + arc_arrow((hx, hy), 88, 7, 19) + draw(high)
            + band([add(ank0, (-5, 0)), add(ank1, (-5, 1))]))


# --- family 4: side plank ------------------------------------------------------
def side_plank(knees, top_arm):
    """Side plank seen from the front: forearm on the floor, head to the left."""
    elbow = (96, F - W_ARM / 2)
    sh = (elbow[0], elbow[1] - UPPER)
    if knees:
        knee = (sh[0] + 78, F - W_LEG / 2)
        a = angle(sh, knee)
        hip = add(sh, vec(a, TORSO))
        legs = [P(knee, (knee[0] + 32, F - 6), (knee[0] + 40, F - 12)),
                P(add(knee, (1, -5)), (knee[0] + 33, F - 11), (knee[0] + 41, F - 17))]
    else:
        feet = (sh[0] + TORSO + THIGH + SHIN - 4, F - W_FOOT / 2 - 1)
        a = angle(sh, feet)
        hip = add(sh, vec(a, TORSO))
        legs = [A(a, a, a + 90), A(a + 2, a + 2, a + 92)]
    return body(hip, sh, legs, [P(elbow, (elbow[0] - 25, elbow[1])), top_arm],
                head=angle(hip, sh) + 8)


def on_hip(knees):
    b = side_plank(knees, A(0, 0))
    hip, sh = b['hip'], b['sh']
    mid = lerp(sh, hip, 0.55)
    return P((mid[0] - 2, mid[1] - 18), (hip[0] - 2, hip[1] - 9))


@drawing('p2-side-plank-a', 'Side plank on the forearm and knee, reaching the top arm over the head')
def _():
    rest = side_plank(True, on_hip(True))
    a = angle(rest['hip'], rest['sh'])
    reach = side_plank(True, A(a + 30, a + 26))
    return (mat(50, 240) + draw(rest, ghost=True)
            + arc_arrow(reach['sh'], 44, 60, 140) + draw(reach))


@drawing('p2-side-plank-b', 'Side plank on the forearm and feet, reaching the top arm over the head')
def _():
    rest = side_plank(False, on_hip(False))
    a = angle(rest['hip'], rest['sh'])
    reach = side_plank(False, A(a + 30, a + 26))
    return (mat(50, 270) + draw(rest, ghost=True)
            + arc_arrow(reach['sh'], 44, 60, 140) + draw(reach))


@drawing('p2-side-plank-c', 'Side plank on the forearm and feet, turning the upper body and reaching the top arm up')
def _():
    b = side_plank(False, A(0, 0))
    sh = b['sh']
    under = side_plank(False, P((sh[0] + 10, sh[1] + 16), (sh[0] + 32, sh[1] + 22)))
    up = side_plank(False, A(88, 90))
    return (mat(50, 270) + draw(under, ghost=True)
            + arc_arrow(sh, 42, -20, 70) + draw(up))


# --- family 5: plank -----------------------------------------------------------
def forearm_plank(elbow, knees, lift=0.0):
    """Plank on the forearms, head to the right; elbow is the elbow point on its support.

    knees=True: resting on the knees; otherwise on the toes, with the near leg lifted
    by `lift` degrees."""
    sh = (elbow[0], elbow[1] - UPPER)
    arms = [A(-90, 0), A(-90, 0)]
    if knees:
        knee_y = F - W_LEG / 2
        d = TORSO + THIGH
        dy = knee_y - sh[1]
        dx = math.sqrt(max(d * d - dy * dy, 1))
        kneep = (sh[0] - dx, knee_y)
        a = angle(sh, kneep)
        hip = add(sh, vec(a, TORSO))
        kneel = P(kneep, (kneep[0] - SHIN, F - 4), (kneep[0] - SHIN - 8, F - 9))
        legs = [kneel, kneel]
    else:
        d = TORSO + THIGH + SHIN
        feet_y = F - 9
        dy = feet_y - sh[1]
        dx = math.sqrt(max(d * d - dy * dy, 1))
        feet = (sh[0] - dx, feet_y)
        a = angle(sh, feet)
        hip = add(sh, vec(a, TORSO))
        near = A(a + lift, a + lift, a + lift - 60)
        legs = [A(a, a, a - 60), near]
    return body(hip, sh, legs, arms, head=angle(hip, sh) + 5)


@drawing('p2-plank-a', 'Plank with the forearms on a chair seat, knees lifted and body straight')
def _():
    elbow = (212, F - 36 - 5)
    return (floor() + chair(206, facing=-1, depth=54)
            + draw(forearm_plank(elbow, True), ghost=True)
            + draw(forearm_plank(elbow, False)))


@drawing('p2-plank-b', 'Plank on the forearms and toes, body held in a straight line')
def _():
    elbow = (222, F - W_ARM / 2)
    return (mat(60, 260) + draw(forearm_plank(elbow, True), ghost=True)
            + draw(forearm_plank(elbow, False)))


@drawing('p2-plank-c', 'Plank on the forearms with straight legs, lifting one foot')
def _():
    elbow = (226, F - W_ARM / 2)
    flat = forearm_plank(elbow, False)
    lifted = forearm_plank(elbow, False, lift=9)
    toe = lifted['legs'][1][2]
    return (mat(50, 262) + draw(flat, ghost=True)
            + arrow((toe[0] + 2, toe[1] - 8), (toe[0] + 2, toe[1] - 30))
            + draw(lifted))


# --- family 6: four-point kneeling ----------------------------------------------
@drawing('p2-four-point-a', 'On hands and knees, lifting one arm forward and the opposite leg back')
def _():
    base = four_point(130)
    lifted = four_point(130, arms=[A(12, 12), A(-90, -90)],
                        legs=[A(-90, 180, 180), A(183, 183, 100)])
    return (mat(50, 280) + draw(base, ghost=True) + draw(lifted))


@drawing('p2-four-point-b', 'On hands and knees, straightening one leg back against a band held in the hands')
def _():
    base = four_point(140)
    ext = four_point(140, legs=[A(-90, 180, 180), A(182, 182, 95)])
    hand = ext['arms'][1][2]
    toe = ext['legs'][1][3]
    foot = ext['legs'][1][2]
    return (mat(30, 270) + draw(base, ghost=True)
            + band([hand, lerp(hand, foot, 0.5), add(foot, (0, 3))])
            + draw(ext) + band([add(foot, (2, 3)), add(toe, (0, 2))]))


@drawing('p2-four-point-c', 'On hands and knees, curling knee and opposite elbow together, then stretching out against a band')
def _():
    base = four_point(140)
    hip, sh = base['hip'], base['sh']
    meet = (lerp(hip, sh, 0.55)[0], hip[1] + 14)
    curl = four_point(140, curve=10,
                      arms=[P(meet, (meet[0] + 16, meet[1] + 8)), A(-90, -90)],
                      legs=[A(-90, 180, 180), P(meet, (meet[0] - 22, F - 12), (meet[0] - 30, F - 8))])
    stretch = four_point(140, arms=[A(10, 10), A(-90, -90)],
                         legs=[A(-90, 180, 180), A(182, 182, 95)])
    hand = stretch['arms'][0][2]
    foot = stretch['legs'][1][2]
    return (mat(30, 290) + draw(curl, ghost=True)
            + band([hand, foot], ctrl=(lerp(hand, foot, 0.5)[0], F - 80))
            + draw(stretch))


# --- family 7: push-ups ----------------------------------------------------------
def push(feet, hand, arm_reach, toe_down=False, bend_hint=-90):
    lean = lean_for(feet, hand, arm_reach)
    arm = T(hand[0], hand[1], bend_hint)
    return straight_body(feet, lean, [arm, arm], toe_down=toe_down, head=lean - 5)


@drawing('p2-push-up-a', 'Push-up standing against a wall, body straight from head to heels')
def _():
    wx = 250
    feet, hand = (160, F - 4), (wx - 4, F - 112)
    straight = push(feet, hand, UPPER + FORE - 2)
    bent = push(feet, hand, 30)
    return (floor() + wall(wx) + draw(straight, ghost=True) + draw(bent))


@drawing('p2-push-up-b', 'Push-up with the hands on a table edge, body straight from head to heels')
def _():
    feet, hand = (126, F - 9), (236, F - 74)
    straight = push(feet, hand, UPPER + FORE - 2, toe_down=True)
    bent = push(feet, hand, 30, toe_down=True)
    return (floor() + table(232, 300, F - 70) + draw(straight, ghost=True) + draw(bent))


@drawing('p2-push-up-c', 'Push-up on the floor, body straight from head to heels')
def _():
    feet = (84, F - 9)
    lean = math.degrees(math.asin((F - 4 - (UPPER + FORE - 0.3) - feet[1]) / -(SHIN + THIGH + TORSO)))
    sh = add(feet, vec(lean, SHIN + THIGH + TORSO))
    hand = (sh[0] + 2, F - 4)
    straight = push(feet, hand, UPPER + FORE - 0.3, toe_down=True, bend_hint=180)
    bent = push(feet, hand, 27, toe_down=True, bend_hint=180)
    return (mat(60, 270) + draw(bent, ghost=True)
            + arrow((hand[0] + 40, F - 22), (hand[0] + 40, F - 56), both=True) + draw(straight))


# --- family 8: band arm exercises --------------------------------------------------
@drawing('p2-band-arms-a', 'Standing on a band, lifting both arms up over the head against it')
def _():
    down = front_stand(160, 0, spread=16, arms=[A(-100, -92), A(-80, -88)])
    up = front_stand(160, 0, spread=16, arms=[A(118, 116), A(62, 64)])
    l_hand, r_hand = up['arms'][0][2], up['arms'][1][2]
    lf, rf = up['legs'][0][2], up['legs'][1][2]
    return (floor() + draw(down, ghost=True)
            + arc_arrow(up['shs'][0], 60, 215, 150) + arc_arrow(up['shs'][1], 60, -35, 30)
            + band([(lf[0] - 2, F), l_hand]) + band([(rf[0] + 2, F), r_hand])
            + band([(lf[0] - 4, F + 1), (rf[0] + 4, F + 1)]) + draw(up))


@drawing('p2-band-arms-b', 'Standing facing a pole with a band around it, rowing one arm back at a time')
def _():
    px = 262
    row = standing(150, arms=[A(-5, -2), A(-112, 2)])
    other = standing(150, arms=[A(-112, 2), A(-5, -2)])
    y = row['arms'][0][2][1]
    return (floor() + pole(px) + draw(other, ghost=True)
            + band([(px - 3, y - 4), row['arms'][0][2]])
            + band([(px - 3, y + 2), row['arms'][1][2]])
            + draw(row) + arrow((222, y + 22), (186, y + 22)))


@drawing('p2-band-arms-c', 'Standing on a band, lifting one straight arm forward and up')
def _():
    down = standing(150)
    up = standing(150, arms=[A(-92, -92), A(72, 72)])
    toe = up['legs'][1][2]
    return (floor() + draw(down, ghost=True)
            + arc_arrow(up['sh'], 64, -70, 60)
            + band([(toe[0] - 4, F), up['arms'][0][2]])
            + draw(up) + band([(toe[0] - 2, F), up['arms'][1][2]]))


# --- family 9: squats -------------------------------------------------------------------
def wall_squat(wx, depth, arms):
    """Back to a wall on the left; depth 0 = standing, 1 = thighs level."""
    ankle = (wx + 52, F - 4)
    hip_y = F - 4 - SHIN - (THIGH + 30) * (1 - depth) - 4
    hip = (wx + 9, hip_y)
    leg = T(ankle[0], ankle[1], 0, 0)
    return body(hip, 90, [leg, leg], arms, head=90)


@drawing('p2-squat-a', 'Back against a wall, squatting down until knees and hips are bent to about a right angle')
def _():
    wx = 100
    arms = [A(-10, -5), A(-10, -5)]
    return (floor() + wall(wx, side=-1) + draw(wall_squat(wx, 0, arms), ghost=True)
            + arrow((200, 96), (200, 130)) + draw(wall_squat(wx, 1, arms)))


@drawing('p2-squat-b', 'Back against a wall, squatting with the arms held up over the head')
def _():
    wx = 100
    arms = [A(92, 92), A(92, 92)]
    return (floor() + wall(wx, side=-1)
            + arrow((196, 92), (196, 150), both=True) + draw(wall_squat(wx, 1, arms)))


@drawing('p2-squat-c', 'Standing with the back and arms against a wall, lifting one knee high')
def _():
    wx = 130
    hip = (wx + 9, 100)
    arms = [P((wx + 6, 80), (wx + 5, 104)), P((wx + 6, 80), (wx + 5, 104))]
    stand = ground(body(hip, 90, [A(-88, -92, 0), A(-88, -92, 0)], arms))
    lift = shift(body(hip, 90, [A(-88, -92, 0), A(8, -95, -20)], arms), 0,
                 stand['hip'][1] - hip[1])
    knee = lift['legs'][1][1]
    return (floor() + wall(wx, side=-1) + draw(stand, ghost=True)
            + arrow((knee[0] + 16, knee[1] + 36), (knee[0] + 16, knee[1] + 4))
            + draw(lift))


# --- family 10: lunges ----------------------------------------------------------------
def lunge(hx, front_x, back_x, drop, arms, torso=90, flat_back=False):
    """Stepping stance: near (front) foot at front_x, far (back) foot on its toes at back_x."""
    hip = (hx, F - 4 - THIGH - SHIN + 2 + drop)
    legs = [T(back_x, F - 8, 0, -40) if flat_back is False else T(back_x, F - 4, 0, 0),
            T(front_x, F - 4, 0, 0)]
    return body(hip, torso, legs, arms, head=torso)


@drawing('p2-lunge-a', 'Standing with one foot a step in front, shifting the weight forwards and backwards')
def _():
    arms = [A(-95, -85), A(-95, -85)]
    back = lunge(124, 176, 112, 4, arms, flat_back=True)
    fwd = lunge(160, 176, 112, 4, arms, flat_back=True)
    return (floor() + draw(back, ghost=True) + arrow((124, 28), (168, 28), both=True)
            + draw(fwd))


@drawing('p2-lunge-b', 'Stepping forward into a lunge with the arms held out level at the front')
def _():
    arms = [A(0, 0), A(0, 0)]
    stand = standing(140, arms=arms)
    step = lunge(150, 196, 96, 30, arms)
    return (floor() + draw(stand, ghost=True) + arrow((150, F - 12), (182, F - 12))
            + draw(step))


@drawing('p2-lunge-c', 'Stepping forward into a lunge while lifting a stick up over the head')
def _():
    ahead = lunge(150, 196, 96, 30, [A(0, 0), A(0, 0)])
    up = lunge(150, 196, 96, 30, [A(86, 86), A(86, 86)])
    h0, h1 = ahead['arms'][1][2], up['arms'][1][2]
    return (floor() + draw(ahead, ghost=True)
            + stick((h0[0] - 3, h0[1] + 8), (h0[0] + 3, h0[1] - 8))
            + arc_arrow(up['sh'], 62, 10, 80)
            + draw(up) + stick((h1[0] - 9, h1[1] - 2), (h1[0] + 9, h1[1] + 2)))


# --- range of movement: extension ----------------------------------------------------
def prone(hip_x, torso, arms, curve=0.0, head=None):
    """Lying on the stomach, head to the right, legs straight out to the left."""
    hip = (hip_x, F - W_TORSO / 2)
    legs = [A(180, 180, 188), A(180, 180, 188)]
    return ground(body(hip, torso, legs, arms, curve=curve, head=head))


def prone_flat():
    return prone(150, 0, [P((186, F - 6), (204, F - 4)), P((186, F - 6), (204, F - 4))])


@drawing('rom-extension-a', 'Lying on the stomach, propped up on the forearms, bending the back backwards')
def _():
    hip_x = 150
    sh_y = F - W_ARM / 2 - UPPER
    a = math.degrees(math.asin((F - W_TORSO / 2 - sh_y) / TORSO))
    up = prone(hip_x, a, [A(-92, 0), A(-92, 0)], curve=-3, head=a + 25)
    return (mat(40, 270) + draw(prone_flat(), ghost=True)
            + arc_arrow((hip_x, F - 8), 70, 10, 34) + draw(up))


@drawing('rom-extension-b', 'Lying on the stomach, pressing up on the hands with the elbows still bent')
def _():
    hip_x = 150
    a = 40
    sh = add((hip_x, F - 7.5), vec(a, TORSO))
    hand = (sh[0] + 6, F - 4)
    up = prone(hip_x, a, [T(hand[0], hand[1], 180), T(hand[0], hand[1], 180)],
               curve=-6, head=a + 25)
    return (mat(40, 270) + draw(prone_flat(), ghost=True)
            + arc_arrow((hip_x, F - 8), 76, 10, 44) + draw(up))


@drawing('rom-extension-c', 'Lying on the stomach, pressing up with straight arms while the hips stay down')
def _():
    hip_x = 150
    a = 56
    sh = add((hip_x, F - 7.5), vec(a, TORSO))
    hand = (sh[0] + 12, F - 4)
    up = prone(hip_x, a, [T(hand[0], hand[1], 180), T(hand[0], hand[1], 180)],
               curve=-9, head=a + 15)
    return (mat(40, 270) + draw(prone_flat(), ghost=True)
            + arc_arrow((hip_x, F - 8), 80, 10, 58) + draw(up))


# --- range of movement: flexion -------------------------------------------------------
@drawing('rom-flexion-a', 'Lying on the back, hugging both knees up towards the stomach')
def _():
    hx = 170
    down = supine(hx)
    legs = [A(128, 8, 40), A(124, 6, 38)]
    tmp = supine(hx, legs=legs)
    knee = tmp['legs'][1][1]
    hug = supine(hx, legs=legs, arms=[T(knee[0] + 6, knee[1] + 2, -90), T(knee[0] + 8, knee[1], -90)])
    return (mat(80, 250) + draw(down, ghost=True)
            + arc_arrow((hx, F - 8), 58, 48, 96) + draw(hug))


@drawing('rom-flexion-b', 'From hands and knees, rounding the back and sitting back towards the heels')
def _():
    base = four_point(140)
    hand = base['arms'][1][2]
    knee = base['legs'][1][1]
    hip = (knee[0] - 26, F - 26)
    sh = (hip[0] + 44, F - 34)
    arm = T(hand[0], hand[1], 90)
    rock = body(hip, sh, [P(knee, (knee[0] - 36, F - 4), (knee[0] - 46, F - 4))] * 2,
                [arm, arm], curve=9, head=-30)
    return (mat(50, 280) + draw(base, ghost=True)
            + arrow((150, 120), (116, 136), ctrl=(128, 118)) + draw(rock))


@drawing('rom-flexion-c', 'Standing, bending slowly forward and letting the back round towards the floor')
def _():
    stand = standing(150)
    hip = stand['hip']
    legs = [A(-78, -96, 0), A(-78, -96, 0)]
    bend = ground(body(add(hip, (-12, 0)), -35, legs, [A(-95, -90), A(-92, -88)],
                       curve=14, head=-80))
    return (floor() + draw(stand, ghost=True)
            + arc_arrow(hip, 66, 80, 5) + draw(bend))


# --- range of movement: rotation (seen from above) -------------------------------------
def from_above(side=0, arms=None, knees=(1, 1)):
    """Lying on the back seen from above, head to the left.

    side: 0 = knees up, +1 = knees sunk towards the top of the picture, -1 = bottom.
    knees: which knees (bottom, top) follow the turn."""
    cy, hx = 100, 178
    legs = []
    for i, sgn in enumerate((1, -1)):
        s = side * knees[i]
        off = sgn * 10
        if s == 0:
            knee, ankle = (hx + 30, cy + off), (hx + 50, cy + off)
        else:
            knee = (hx + 22 + 4 * sgn * s, cy - s * (38 - 6 * sgn * s) + off * 0.2)
            ankle = (hx + 50, cy + off - s * 6)
        legs.append(P(knee, ankle, (ankle[0] + 11, ankle[1])))
    arms = arms or [A(-8, -3), A(8, 3)]
    return body((hx, cy), 180, legs, arms, head=180, front=True)


@drawing('rom-rotation-a', 'Lying on the back seen from above, letting both bent knees sink to one side and then the other')
def _():
    out_arms = [A(-90, -90), A(90, 90)]
    return (mat_from_above(70, 20, 262, 180)
            + draw(from_above(-1, out_arms), ghost=True)
            + arc_arrow((200, 100), 44, -60, 60, both=True)
            + draw(from_above(1, out_arms)))


@drawing('rom-rotation-b', 'Lying on the back seen from above, knees sinking to one side while the opposite arm reaches up and out')
def _():
    return (mat_from_above(40, 20, 262, 180) + draw(from_above(0), ghost=True)
            + arc_arrow((196, 100), 40, 10, 60)
            + draw(from_above(1, arms=[A(-150, -150), A(8, 3)])))


@drawing('rom-rotation-c', 'Lying on the back seen from above, one knee sinking out to the side while the arm on the same side reaches up and out')
def _():
    return (mat_from_above(40, 20, 262, 180) + draw(from_above(0), ghost=True)
            + arc_arrow((196, 100), 40, -10, -60)
            + draw(from_above(-1, arms=[A(-150, -150), A(8, 3)], knees=(1, 0))))


# --- stretches --------------------------------------------------------------------------
@drawing('stretch-buttocks', 'Lying on the back with one ankle crossed over the other knee, drawing the legs towards the chest')
def _():
    hx = 175
    far = A(108, 8, 90)
    tmp = supine(hx, legs=[far, far])
    hip, knee = tmp['hip'], tmp['legs'][0][1]
    near = P((hip[0] + 30, hip[1] - 22), (knee[0] + 4, knee[1] - 5), (knee[0] - 2, knee[1] - 13))
    hands = T(knee[0] + 5, knee[1] + 16, -90)
    b = supine(hx, legs=[far, near], arms=[hands, hands])
    return mat(80, 250) + draw(b)


@drawing('stretch-hip-flexors', 'Kneeling on one knee with the other foot in front, shifting the weight forward')
def _():
    knee = (130, F - W_LEG / 2)
    hip = (knee[0] + 14, knee[1] - math.sqrt(THIGH ** 2 - 14 ** 2))
    front = T(hip[0] + 40, F - 4, 0, 0)
    back = P(knee, (knee[0] - SHIN, F - 4), (knee[0] - SHIN - 9, F - 4))
    b = body(hip, 90, [back, front], [A(-80, -60), A(-60, -30)])
    back0 = P((knee[0] - 8, knee[1]), (knee[0] - 8 - SHIN, F - 4), (knee[0] - SHIN - 17, F - 4))
    g = body((hip[0] - 12, hip[1] + 2), 90, [back0, front], [A(-80, -60), A(-60, -30)])
    return (mat(60, 260) + draw(g, ghost=True) + arrow((hip[0] - 6, hip[1] - 8),
                                                       (hip[0] + 22, hip[1] - 8))
            + draw(b))


@drawing('stretch-quadriceps', 'Standing with one hand on a wall, holding the ankle to bring the heel towards the buttock')
def _():
    hx, wx = 150, 204
    legs = [A(-88, -92, 0), A(-100, 116, 140)]
    tmp = standing(hx, legs=legs)
    sh, ankle = tmp['sh'], tmp['legs'][1][2]
    b = standing(hx, legs=legs,
                 arms=[T(wx - 4, sh[1] - 2, -90), T(ankle[0] + 2, ankle[1] + 2, 0)])
    return floor() + wall(wx) + draw(b)


@drawing('stretch-hamstrings', 'Lying on the back, holding behind one thigh and straightening the knee upwards')
def _():
    hx = 175
    bent = A(110, 0, 70)
    straight = A(98, 98, 10)
    tmp = supine(hx, legs=[knees_bent(hx), straight])
    thigh = lerp(tmp['legs'][1][0], tmp['legs'][1][1], 0.9)
    hands = T(thigh[0] - 2, thigh[1], -90)
    g = supine(hx, legs=[knees_bent(hx), bent], arms=[hands, hands])
    b = supine(hx, legs=[knees_bent(hx), straight], arms=[hands, hands])
    return (mat(80, 250) + draw(g, ghost=True)
            + arc_arrow(b['legs'][1][1], 36, 10, 70) + draw(b))


@drawing('stretch-groin', 'Standing with the feet wide apart, bending one knee and shifting the weight to that side')
def _():
    mid = front_stand(160, 0, spread=46)
    side = ground(body((136, 120), 90,
                       [T(114, F - 4, 180, 180), T(206, F - 4, 0, 0)],
                       [P((118, 104), (124, 124)), P((154, 104), (150, 124))], front=True))
    return floor() + draw(mid, ghost=True) + arrow((176, 30), (140, 30)) + draw(side)


# --- general training -------------------------------------------------------------------
@drawing('general-training', 'Walking briskly, with a scale showing a moderate level of effort')
def _():
    walk = ground(body((130, 100), 86, [T(100, F - 4, 0, 0), T(158, F - 4, 0, 0)],
                       [A(-62, -25), A(-118, -75)], head=84))
    colours = ['#d6ead9', '#c3e2c7', '#b0d9b5', '#cfe3a1', '#e7de8a',
               '#f0c674', '#eea65b', '#e9874a', '#e06a3c', '#d44f32']
    bar = []
    x, y0, h = 250, 40, 13
    for i, c in enumerate(colours):
        y = y0 + (len(colours) - 1 - i) * h
        bar.append('<rect x="%d" y="%d" width="18" height="%d" fill="%s"/>' % (x, y, h - 1, c))
    level = y0 + (len(colours) - 1 - 5) * h + h / 2
    bar.append('<path d="M%s %sl-10 -6v12Z" fill="%s"/>' % (x - 3, n(level), INK))
    return floor(20, 230) + bar + draw(walk)


# ---------------------------------------------------------------- main
IDS = (['p1-1a', 'p1-1b', 'p1-2a', 'p1-2b', 'p1-2c', 'p1-3a', 'p1-3b', 'p1-3c']
       + ['p2-%s-%s' % (f, lv) for f in ('bridge', 'abdominals', 'hip', 'side-plank', 'plank',
                                         'four-point', 'push-up', 'band-arms', 'squat', 'lunge')
          for lv in 'abc']
       + ['rom-%s-%s' % (f, lv) for f in ('extension', 'flexion', 'rotation') for lv in 'abc']
       + ['stretch-buttocks', 'stretch-hip-flexors', 'stretch-quadriceps',
          'stretch-hamstrings', 'stretch-groin', 'general-training'])


def svg(title, elements):
    head = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 200" role="img">'
            '<title>%s</title>' % title.replace('&', '&amp;').replace('<', '&lt;'))
    bg = '<rect width="320" height="200" rx="14" fill="%s"/>' % BG
    return '\n'.join([head, bg] + elements + ['</svg>']) + '\n'


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    missing = [i for i in IDS if i not in DRAWINGS]
    if missing:
        raise SystemExit('no drawing for: %s' % ', '.join(missing))
    for ident in IDS:
        title, fn = DRAWINGS[ident]
        text = svg(title, fn())
        with open(os.path.join(OUT_DIR, ident + '.svg'), 'w', encoding='utf-8',
                  newline='\n') as fh:
            fh.write(text)
    print('wrote %d illustrations to %s' % (len(IDS), os.path.normpath(OUT_DIR)))


if __name__ == '__main__':
    main()
