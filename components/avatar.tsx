type AvatarProps = { src?: string | null; name: string; size?: 'sm' | 'lg' };

const sizes = { sm: 'h-8 w-8 text-sm', lg: 'h-20 w-20 text-2xl' };

/** The user's picture from Auth0, or their initials when there is none. */
export function Avatar({ src, name, size = 'sm' }: AvatarProps) {
  const className = `${sizes[size]} shrink-0 rounded-full bg-brand-100 object-cover`;
  if (!src) {
    return (
      <span
        aria-hidden="true"
        className={`${className} flex items-center justify-center font-semibold text-brand-700`}
      >
        {name.slice(0, 1).toUpperCase()}
      </span>
    );
  }
  // A plain <img>: pictures come from whichever host the identity provider
  // uses (Gravatar, Google, the local Auth0…), which next/image would need listed.
  // eslint-disable-next-line @next/next/no-img-element
  return <img src={src} alt="" className={className} referrerPolicy="no-referrer" />;
}
